#!/usr/bin/env python3
"""End-to-end latency from a submitted role-play reply to its feedback (issue 5): POSTs replies to
/api/v1/me/roleplay/sessions/{id}/replies on a running demo server and prints name=value lines.
Usage: reply_latency.py BASE_URL [replies=300]"""
import statistics, sys, time

from demo_client import DemoClient

base = sys.argv[1].rstrip("/")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
client = DemoClient(base)
call = client.call
scenarios = [s["id"] for s in call("GET", "/api/v1/me/roleplay/scenarios")["scenarios"]]
replies = [
    "That sounds really frustrating, and I'm sorry. What would help most right now?",
    "You always do this and it is not my problem.",
    "I hear you. It makes sense that you're upset; I will call the depot now and ring you at four.",
    "Maybe we could sort of look at it later, I guess?",
]
latencies, session, k = [], None, 0
while len(latencies) < n:
    if session is None or session["ended"]:
        session = call("POST", "/api/v1/me/roleplay/sessions", {"scenario_id": scenarios[k % len(scenarios)]})
        k += 1
    start = time.perf_counter()
    session = call("POST", f"/api/v1/me/roleplay/sessions/{session['id']}/replies",
                   {"text": replies[len(latencies) % len(replies)]})
    latencies.append((time.perf_counter() - start) * 1000)
latencies.sort()
print(f"replies={n}")
print(f"reply_latency_p50_ms={statistics.median(latencies):.1f}")
print(f"reply_latency_p95_ms={latencies[int(0.95 * n) - 1]:.1f}")
print(f"reply_latency_max_ms={latencies[-1]:.1f}")
