#!/usr/bin/env python3
"""End-to-end latency from a submitted 20 s spoken role-play reply to its feedback (issue 5): POSTs
a recording to /api/v1/me/roleplay/sessions/{id}/spoken-replies on a running demo server (decode,
prosody, speech-to-text, scoring, durable write) and prints name=value lines. The recording is the
repository's voice fixture repeated with half-second pauses to 20 s.
Usage: spoken_reply_latency.py BASE_URL [replies=20]"""
import io, os, statistics, sys, time, wave

from demo_client import DemoClient

base = sys.argv[1].rstrip("/")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
fixture = os.path.join(os.path.dirname(__file__), "../../tests/fixtures/voice/frustrating_release.wav")

def twenty_seconds():
    with wave.open(fixture) as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    pause = b"\0\0" * (rate // 2)
    pcm = b""
    while len(pcm) < 20 * rate * 2:
        pcm += frames + pause
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        w.writeframes(pcm[: 20 * rate * 2])
    return out.getvalue()

audio = twenty_seconds()
client = DemoClient(base)
call = client.call
call("PUT", "/api/v1/me/consents/voice_prosody", {"state": "granted"})
scenarios = [s["id"] for s in call("GET", "/api/v1/me/roleplay/scenarios")["scenarios"]]
latencies, session, k = [], None, 0
while len(latencies) < n:
    if session is None or session["ended"]:
        session = call("POST", "/api/v1/me/roleplay/sessions", {"scenario_id": scenarios[k % len(scenarios)]})
        k += 1
    start = time.perf_counter()
    session = call("POST", f"/api/v1/me/roleplay/sessions/{session['id']}/spoken-replies", audio, "audio/wav")
    latencies.append((time.perf_counter() - start) * 1000)
first = latencies[0]
latencies.sort()
print(f"spoken_replies={n}")
print(f"spoken_audio_s=20")
print(f"spoken_first_reply_ms={first:.0f}")
print(f"spoken_reply_latency_p50_ms={statistics.median(latencies):.0f}")
print(f"spoken_reply_latency_p95_ms={latencies[max(0, int(0.95 * n) - 1)]:.0f}")
print(f"spoken_reply_latency_max_ms={latencies[-1]:.0f}")
