#!/usr/bin/env python3
"""Builds the prosody accuracy corpus: WAV files whose pitch and syllable count are known.

Why: the native prosody engine (Boersma autocorrelation pitch, de Jong & Wempe syllable nuclei)
must be checked against a ground truth and against Praat. Synthetic voices give an exact F0 track
(we drive the glottal pulse train with it) and an exact syllable count; espeak-ng gives more
natural speech whose syllable count comes from the text and whose F0 reference is Praat's.

Usage: make_corpus.py OUTDIR
Writes OUTDIR/*.wav (16-bit mono) and OUTDIR/truth.json. Deterministic: every random choice comes
from a seeded random.Random, and espeak-ng/sox output is fixed for a given package version.

Synthesis (files syn_*): Rosenberg glottal pulses (flow derivative, i.e. with lip radiation) whose
instantaneous frequency follows a smooth F0 contour (phrase declination + accent bumps, optional
vibrato), filtered by three formant resonators (per-syllable vowel), shaped by syllable amplitude
envelopes. Syllables are separated by a fricative (high-passed noise, unvoiced), a stop closure
(silence, unvoiced) or a voiced dip (-14 dB, voicing continues); phrases by pauses (some >= 1 s).
A dither-level noise floor (about -80 dBFS) keeps silences from being digital zero.

Truth F0 (10 ms frames centred at 0.005 + i*0.01 s): F0 of the contour at the frame centre where
the pulse train is on and the syllable envelope is at least 0.1 (-20 dB re the syllable peak);
0 elsewhere.

Noise copies (*_snr10.wav): white Gaussian noise (seeded) added over the whole file at 10 dB SNR,
where the signal power is measured over the ACTIVE part only: 20 ms frames whose RMS is within
40 dB of the loudest frame (so long pauses do not lower the SNR's reference). Pauses in the noisy
copy therefore carry noise at -10 dB re the average speech power.
"""
import array
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import wave

TIME_STEP = 0.01
FIRST_TIME = 0.005
SNR_DB = 10.0
VOICED_ENVELOPE_MIN = 0.1
FRICATIVE_LEVEL = 0.06
CMUDICT = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
# The pocketsphinx copy of the CMU dict has no stress digits, so vowels are counted by name.
ARPABET_VOWELS = {"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY",
                  "UH", "UW"}

# Vowel formants (F1, F2, F3) and bandwidths, roughly Peterson & Barney averages.
VOWELS = {
    "a": (730, 1090, 2440), "i": (270, 2290, 3010), "u": (300, 870, 2240),
    "e": (530, 1840, 2480), "o": (570, 840, 2410), "ae": (660, 1720, 2410),
    "er": (490, 1350, 1690), "uh": (520, 1190, 2390),
}
BANDWIDTHS = (80, 100, 140)

# name, sample rate, seed, F0 (start, end) of the phrase declination in Hz, accent size (fraction),
# vibrato (rate Hz, depth fraction), syllables per phrase (min, max), pause durations between
# phrases (s), syllable tempo scale (1 = about 4.5 syllables/s of articulation).
SYNTHETIC_VOICES = [
    dict(name="syn_male_a", rate=16000, seed=11, f0=(135, 95), accent=0.20, vibrato=None,
         syllables=(4, 7), pauses=[1.2, 0.4], tempo=1.0),
    dict(name="syn_male_b_slow", rate=16000, seed=12, f0=(120, 88), accent=0.15, vibrato=None,
         syllables=(3, 6), pauses=[0.6, 1.5, 0.35], tempo=1.3),
    dict(name="syn_male_vibrato_fast", rate=16000, seed=13, f0=(140, 110), accent=0.15,
         vibrato=(5.5, 0.06), syllables=(6, 9), pauses=[0.5, 1.0], tempo=0.8),
    dict(name="syn_male_8k", rate=8000, seed=14, f0=(130, 100), accent=0.20, vibrato=None,
         syllables=(4, 7), pauses=[1.1, 0.45], tempo=1.0),
    dict(name="syn_female_a", rate=16000, seed=21, f0=(260, 185), accent=0.20, vibrato=None,
         syllables=(4, 7), pauses=[0.5, 1.3], tempo=1.0),
    dict(name="syn_female_vibrato", rate=16000, seed=22, f0=(280, 200), accent=0.12,
         vibrato=(5.0, 0.05), syllables=(4, 8), pauses=[1.0, 0.3], tempo=1.1),
    dict(name="syn_female_44k", rate=44100, seed=23, f0=(240, 170), accent=0.18, vibrato=None,
         syllables=(4, 6), pauses=[0.8], tempo=0.9),
    dict(name="syn_wide_range", rate=16000, seed=31, f0=(380, 90), accent=0.35, vibrato=None,
         syllables=(5, 8), pauses=[1.0, 0.6], tempo=1.1),
]

# text, voice, speed (words per minute), output sample rate (espeak-ng writes 22050 Hz).
ESPEAK_SENTENCES = [
    ("I hear that this has been really frustrating for you.", "en-us", 160, 16000),
    ("Thank you for telling me. Let's work out what would help most right now.", "en+f3", 150, 16000),
    ("I'm sorry the delivery was late again. I will call the depot this afternoon.", "en-gb", 175, 16000),
    ("Could we look at the schedule together before the meeting on Thursday?", "en-us+m3", 140, 16000),
    ("You did a great job with the client presentation, and the numbers were clear.", "en+f4", 190, 16000),
    ("It sounds like the workload has been overwhelming. What can we take off your plate?", "en-us", 130, 16000),
    ("I understand. That must have been disappointing, especially after all the extra hours you put in.", "en-gb-x-rp", 165, 16000),
    ("Let me make sure I have this right. The report is due on Friday, and the data is still missing.", "en+f2", 200, 16000),
    ("We disagree about the priorities, but I want to find a plan that works for both of us.", "en-us+m7", 155, 22050),
    ("Please send me the figures by noon. Then I can check them before the review.", "en+f5", 220, 16000),
    ("I appreciate your patience. The team is working on the problem, and I will update you tomorrow morning.", "en-us", 180, 16000),
    ("Honestly, I felt ignored in that meeting. Can we talk about how decisions are made?", "en-gb+f3", 145, 16000),
]


# ---------------------------------------------------------------------------------------------
# WAV I/O and noise


def write_wav(path, samples, rate):
    """Writes float samples (nominal range -1..1) as 16-bit mono PCM."""
    pcm = array.array("h", (max(-32768, min(32767, int(round(s * 32767.0)))) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise ValueError(f"{path}: expected 16-bit mono")
        rate = w.getframerate()
        pcm = array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        pcm.byteswap()
    return [s / 32767.0 for s in pcm], rate


def active_power(samples, rate):
    """Mean power over 20 ms frames whose RMS is within 40 dB of the loudest frame."""
    frame = max(1, int(0.02 * rate))
    powers = []
    for start in range(0, len(samples) - frame + 1, frame):
        chunk = samples[start:start + frame]
        powers.append(sum(x * x for x in chunk) / frame)
    loudest = max(powers)
    active = [p for p in powers if p >= loudest * 1e-4]
    return sum(active) / len(active)


def add_noise(samples, rate, snr_db, seed):
    """White Gaussian noise at snr_db below the active-speech power; rescaled if it would clip."""
    rng = random.Random(seed)
    sigma = math.sqrt(active_power(samples, rate) / (10.0 ** (snr_db / 10.0)))
    noisy = [s + rng.gauss(0.0, sigma) for s in samples]
    peak = max(abs(x) for x in noisy)
    if peak > 0.98:
        noisy = [x * 0.98 / peak for x in noisy]
    return noisy


def normalise(samples, peak=0.5):
    top = max(abs(x) for x in samples) or 1.0
    return [x * peak / top for x in samples]


# ---------------------------------------------------------------------------------------------
# Synthetic voices


def rosenberg_derivative(phase, open_q=0.40, close_q=0.16):
    """Derivative of a Rosenberg glottal flow pulse at phase 0..1 of the period (unit peak flow)."""
    if phase < open_q:
        return 0.5 * math.pi / open_q * math.sin(math.pi * phase / open_q)
    if phase < open_q + close_q:
        return -0.5 * math.pi / close_q * math.sin(0.5 * math.pi * (phase - open_q) / close_q)
    return 0.0


def resonator_coefficients(freq, bandwidth, rate):
    """Two-pole resonator y = a*x + b*y1 + c*y2 with unity gain at 0 Hz."""
    c = -math.exp(-2.0 * math.pi * bandwidth / rate)
    b = 2.0 * math.exp(-math.pi * bandwidth / rate) * math.cos(2.0 * math.pi * freq / rate)
    return 1.0 - b - c, b, c


def plan_voice(voice):
    """Segment plan: list of dicts with kind in {pause, fric, closure, vowel} and timing/shape."""
    rng = random.Random(voice["seed"])
    tempo = voice["tempo"]
    segments = [dict(kind="pause", dur=0.3)]
    pauses = list(voice["pauses"]) + [None]
    for pause in pauses:
        n_syllables = rng.randint(*voice["syllables"])
        phrase_segments = []
        for k in range(n_syllables):
            if k > 0 or rng.random() < 0.5:
                onset = rng.choice(["fric", "closure", "dip", "dip"]) if k > 0 else \
                    rng.choice(["fric", "closure"])
                if onset == "fric":
                    phrase_segments.append(dict(kind="fric", dur=rng.uniform(0.06, 0.11) * tempo))
                elif onset == "closure":
                    phrase_segments.append(dict(kind="closure", dur=rng.uniform(0.04, 0.07) * tempo))
            phrase_segments.append(dict(kind="vowel", dur=rng.uniform(0.12, 0.22) * tempo,
                                        vowel=rng.choice(sorted(VOWELS)),
                                        level=rng.uniform(0.65, 1.0),
                                        accent=rng.random() < 0.35))
        segments.append(dict(kind="phrase_start"))
        segments.extend(phrase_segments)
        segments.append(dict(kind="phrase_end"))
        segments.append(dict(kind="pause", dur=pause if pause is not None else 0.35))
    # Resolve times, and for each vowel whether its neighbours are voiced (voiced dip) or not.
    t = 0.0
    timeline = []
    phrase_bounds = []
    for seg in segments:
        if seg["kind"] == "phrase_start":
            phrase_bounds.append([t, None])
            continue
        if seg["kind"] == "phrase_end":
            phrase_bounds[-1][1] = t
            continue
        seg = dict(seg, start=t, end=t + seg["dur"])
        timeline.append(seg)
        t = seg["end"]
    for i, seg in enumerate(timeline):
        if seg["kind"] == "vowel":
            seg["voiced_before"] = i > 0 and timeline[i - 1]["kind"] == "vowel"
            seg["voiced_after"] = i + 1 < len(timeline) and timeline[i + 1]["kind"] == "vowel"
    return timeline, phrase_bounds, t


def vowel_envelope(seg, t):
    """Amplitude envelope of a vowel at absolute time t: fast raised-cosine edges (25 ms) at
    unvoiced neighbours, slower edges (60 ms) down to a 0.2 dip at voiced neighbours."""
    x = t - seg["start"]
    y = seg["end"] - t
    level = seg["level"]
    env = 1.0
    for dist, voiced_side in ((x, seg["voiced_before"]), (y, seg["voiced_after"])):
        ramp, floor = (0.06, 0.2) if voiced_side else (0.025, 0.0)
        if dist < ramp:
            shape = 0.5 - 0.5 * math.cos(math.pi * dist / ramp)
            env = min(env, floor + (1.0 - floor) * shape)
    return level * env


def f0_contour(voice, phrase_bounds, accents):
    """Returns f0(t): phrase declination + Gaussian accent bumps + optional vibrato."""
    f_start, f_end = voice["f0"]
    vibrato = voice["vibrato"]
    accent_size = voice["accent"]

    def f0(t):
        base = f_start
        for p_start, p_end in phrase_bounds:
            if t < p_start:
                break
            frac = min(1.0, (t - p_start) / max(1e-6, p_end - p_start))
            base = f_start * (f_end / f_start) ** frac  # geometric (linear in semitones)
        bump = 0.0
        for centre in accents:
            bump += accent_size * math.exp(-0.5 * ((t - centre) / 0.08) ** 2)
        value = base * (1.0 + bump)
        if vibrato:
            rate, depth = vibrato
            value *= 1.0 + depth * math.sin(2.0 * math.pi * rate * t)
        return value

    return f0


def synthesise(voice):
    timeline, phrase_bounds, duration = plan_voice(voice)
    rate = voice["rate"]
    rng = random.Random(voice["seed"] * 7919)
    accents = [0.5 * (s["start"] + s["end"]) for s in timeline if s["kind"] == "vowel" and s["accent"]]
    f0 = f0_contour(voice, phrase_bounds, accents)
    n = int(round(duration * rate))
    out = [0.0] * n
    # F0 at a 1 ms control rate, linearly interpolated per sample (the contour is smooth).
    control = [f0(k * 0.001) for k in range(int(duration * 1000) + 2)]
    phase = 0.0
    seg_index = 0
    coeffs = None
    state = [0.0] * 6
    hp_prev = 0.0
    for i in range(n):
        t = i / rate
        while seg_index + 1 < len(timeline) and t >= timeline[seg_index]["end"]:
            seg_index += 1
        seg = timeline[seg_index]
        pos = t * 1000.0
        k = int(pos)
        freq = control[k] + (control[k + 1] - control[k]) * (pos - k)
        phase += freq / rate
        phase -= math.floor(phase)
        if seg["kind"] == "vowel":
            if seg.get("coeffs") is None:
                seg["coeffs"] = [resonator_coefficients(f, b, rate)
                                 for f, b in zip(VOWELS[seg["vowel"]], BANDWIDTHS)
                                 if f < 0.45 * rate]
            coeffs = seg["coeffs"]
            x = vowel_envelope(seg, t) * rosenberg_derivative(phase) * 0.05
        else:
            x = 0.0
        # Vocal tract: cascade of resonators; keeps ringing through unvoiced segments.
        if coeffs:
            for r, (a, b, c) in enumerate(coeffs):
                y = a * x + b * state[2 * r] + c * state[2 * r + 1]
                state[2 * r + 1] = state[2 * r]
                state[2 * r] = y
                x = y
        if seg["kind"] == "fric":
            where = (t - seg["start"]) / seg["dur"]
            white = rng.gauss(0.0, 1.0)
            hiss = white - 0.9 * hp_prev  # crude high-pass: fricative-like
            hp_prev = white
            x += FRICATIVE_LEVEL * math.sin(math.pi * where) ** 2 * hiss
        out[i] = x
    out = normalise(out, 0.5)
    dither = random.Random(voice["seed"] * 104729)
    out = [s + dither.gauss(0.0, 1.0 / 32768.0) for s in out]

    # Truth: F0 at each 10 ms frame centre where the pulse train is on and the envelope is meaningful.
    frames = int(math.floor((duration - FIRST_TIME) / TIME_STEP)) + 1
    truth_f0 = []
    idx = 0
    for j in range(frames):
        t = FIRST_TIME + j * TIME_STEP
        while idx + 1 < len(timeline) and t >= timeline[idx]["end"]:
            idx += 1
        seg = timeline[idx]
        voiced = seg["kind"] == "vowel" and vowel_envelope(seg, t) >= VOICED_ENVELOPE_MIN
        truth_f0.append(round(f0(t), 2) if voiced else 0.0)
    pauses = [[round(s["start"], 3), round(s["end"], 3)] for s in timeline if s["kind"] == "pause"]
    syllables = sum(1 for s in timeline if s["kind"] == "vowel")
    return out, dict(duration_s=round(n / rate, 4), syllables=syllables,
                     f0=dict(first_time_s=FIRST_TIME, time_step_s=TIME_STEP, f0_hz=truth_f0),
                     pauses=pauses, long_pauses_1s=sum(1 for a, b in pauses if b - a >= 1.0),
                     f0_range_hz=[voice["f0"][1], voice["f0"][0]],
                     vibrato=voice["vibrato"])


# ---------------------------------------------------------------------------------------------
# espeak-ng speech and syllable counts from text


def load_cmudict():
    entries = {}
    try:
        with open(CMUDICT, encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if not parts:
                    continue
                word = parts[0].lower()
                if "(" in word:  # alternative pronunciations: keep the first
                    continue
                entries[word] = sum(1 for p in parts[1:] if p.rstrip("012") in ARPABET_VOWELS)
    except OSError:
        pass
    return entries


def heuristic_syllables(word):
    """Vowel groups, minus a silent final e; at least one."""
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def count_syllables(text, cmudict):
    words = re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))
    total = 0
    unknown = []
    for word in words:
        if word in cmudict:
            total += cmudict[word]
        else:
            unknown.append(word)
            total += heuristic_syllables(word)
    return total, unknown


def espeak_file(text, voice, speed, rate, wav_path):
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "raw.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", raw, text], check=True)
        # Resample (if needed), force 16-bit mono, pad 0.3 s of silence on both ends; -D -R: no
        # dither and fixed random seeds, so the output is the same on every run.
        subprocess.run(["sox", "-D", "-R", raw, "-b", "16", "-c", "1", "-r", str(rate), wav_path,
                        "pad", "0.3", "0.3"], check=True)
    samples, actual_rate = read_wav(wav_path)
    dither = random.Random(hash_text(text))
    samples = [s + dither.gauss(0.0, 1.0 / 32768.0) for s in samples]
    return samples, actual_rate


def hash_text(text):
    """A stable seed from text (Python's hash() is salted per process)."""
    h = 5381
    for ch in text:
        h = (h * 33 + ord(ch)) & 0xFFFFFFFF
    return h


# ---------------------------------------------------------------------------------------------


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py OUTDIR")
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    files = {}

    def emit(name, samples, rate, truth):
        clean = name + ".wav"
        write_wav(os.path.join(outdir, clean), samples, rate)
        files[clean] = dict(truth, source=name, condition="clean", sample_rate=rate)
        noisy = name + "_snr10.wav"
        seed = hash_text(name) ^ 0x5EED
        write_wav(os.path.join(outdir, noisy), add_noise(samples, rate, SNR_DB, seed), rate)
        files[noisy] = dict(truth, source=name, condition="snr10", snr_db=SNR_DB, sample_rate=rate)

    for voice in SYNTHETIC_VOICES:
        samples, truth = synthesise(voice)
        emit(voice["name"], samples, voice["rate"], dict(truth, kind="synthetic"))

    cmudict = load_cmudict()
    for k, (text, voice, speed, rate) in enumerate(ESPEAK_SENTENCES, start=1):
        name = f"esp_{k:02d}_{voice.replace('+', '_')}_s{speed}"
        tmp_path = os.path.join(outdir, name + ".wav")
        samples, actual_rate = espeak_file(text, voice, speed, rate, tmp_path)
        syllables, unknown = count_syllables(text, cmudict)
        truth = dict(kind="espeak", text=text, voice=voice, speed_wpm=speed, syllables=syllables,
                     syllables_heuristic_words=unknown,
                     duration_s=round(len(samples) / actual_rate, 4))
        emit(name, samples, actual_rate, truth)

    meta = dict(
        version=1,
        time_step_s=TIME_STEP,
        notes=("f0 truth only for kind=synthetic: 10 ms frames centred at first_time_s + i*time_step_s, "
               "0 = unvoiced (pulse train off or syllable envelope < 0.1 of its peak). "
               "syllables: synthetic = number of vowel nuclei; espeak = CMU dict vowel phonemes "
               "of the text (vowel-group heuristic for unknown words). "
               "snr10 copies: white Gaussian noise over the whole file, SNR measured against the "
               "mean power of active 20 ms frames (RMS within 40 dB of the loudest frame)."),
        files=files,
    )
    with open(os.path.join(outdir, "truth.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(f"wrote {len(files)} files to {outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
