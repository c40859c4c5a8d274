#!/usr/bin/env python3
"""Prosody accuracy benchmark: Attune's native prosody engine against Praat and against truth.

Why: the engine re-implements Praat's "To Pitch (ac)" and de Jong & Wempe's syllable nuclei, so
its pitch track should match Praat's frame by frame, and both should match the known F0 of the
synthetic voices. Comparing Praat with the truth as well shows how much of any error is the
reference's own.

Usage: compare.py CORPUSDIR [--attune PATH] [--praat-only] [--jobs N]
CORPUSDIR is made by make_corpus.py (WAVs + truth.json). Prints name=value lines on stdout and a
per-file table on stderr. Exits 0 whether or not the goals (GPE <= 2 %, voicing agreement >= 95 %)
are met; exits 1 only if Attune could not analyse any file.

Frame alignment: each frame of the tested track is paired with the nearest frame of the reference
track if their centres are at most 5 ms apart (frames with no partner are left out). The truth's
voicing is that of the nearest truth frame; its F0 is interpolated to the tested frame's time.
GPE (gross pitch error): % of frames voiced in both where |f0 - f0_ref| / f0_ref > 20 %.
Voicing agreement: % of paired frames whose voiced/unvoiced decisions agree.
Fine error: mean |1200 log2(f0 / f0_ref)| in cents over voiced-in-both frames without a gross error.
Syllable count MAPE: mean over files of |count - truth| / truth * 100 (Praat's count comes from
praat_syllables.praat, de Jong & Wempe's script). attune_wall_s_per_audio_s includes process
start-up and runs beside the Praat jobs (--jobs), so it is only a rough real-time factor.
"""
import argparse
import concurrent.futures
import json
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PRAAT_PITCH = os.path.join(HERE, "praat_pitch.praat")
PRAAT_SYLLABLES = os.path.join(HERE, "praat_syllables.praat")
DEFAULT_ATTUNE = os.path.join(HERE, "..", "..", "build", "src", "main", "attune")
ALIGN_TOLERANCE_S = 0.005 + 1e-6
GROSS_ERROR_RATIO = 0.20
CONDITIONS = ("clean", "snr10")
GOAL_GPE_PCT = 2.0
GOAL_VOICING_PCT = 95.0


class Track:
    """A regularly sampled F0 track; 0 means unvoiced. An interpolating track (the truth) gives
    the F0 at the exact time asked for, linearly between its two neighbouring voiced frames,
    so that a grid offset of up to 5 ms does not count as pitch error."""

    def __init__(self, first_time, step, f0, interpolate=False):
        self.first_time = first_time
        self.step = step
        self.f0 = [float(v) if v else 0.0 for v in f0]
        self.interpolate = interpolate

    def time(self, i):
        return self.first_time + i * self.step

    def nearest(self, t):
        """Index of the frame nearest to time t, or None if none is within the tolerance."""
        if not self.f0:
            return None
        i = int(round((t - self.first_time) / self.step))
        i = max(0, min(len(self.f0) - 1, i))
        return i if abs(self.time(i) - t) <= ALIGN_TOLERANCE_S else None

    def value_at(self, j, t):
        """F0 of frame j (the nearest to t), interpolated to time t if this track interpolates."""
        value = self.f0[j]
        if not self.interpolate or value <= 0:
            return value
        k = j if t >= self.time(j) else j - 1
        if k < 0 or k + 1 >= len(self.f0) or self.f0[k] <= 0 or self.f0[k + 1] <= 0:
            return value
        frac = (t - self.time(k)) / self.step
        return self.f0[k] + (self.f0[k + 1] - self.f0[k]) * frac

    def voiced_mean(self):
        voiced = [v for v in self.f0 if v > 0]
        return sum(voiced) / len(voiced) if voiced else 0.0


class PitchStats:
    """Frame counts for one comparison (tested track against a reference track)."""

    def __init__(self):
        self.paired = self.agree = self.both_voiced = self.gross = 0
        self.missed_voiced = self.false_voiced = 0
        self.fine_cents = 0.0
        self.fine_frames = 0

    def add(self, tested, reference):
        for i, f0 in enumerate(tested.f0):
            t = tested.time(i)
            j = reference.nearest(t)
            if j is None:
                continue
            ref = reference.value_at(j, t)
            self.paired += 1
            if (f0 > 0) == (ref > 0):
                self.agree += 1
            elif ref > 0:
                self.missed_voiced += 1
            else:
                self.false_voiced += 1
            if f0 > 0 and ref > 0:
                self.both_voiced += 1
                if abs(f0 - ref) / ref > GROSS_ERROR_RATIO:
                    self.gross += 1
                else:
                    self.fine_cents += abs(1200.0 * math.log2(f0 / ref))
                    self.fine_frames += 1

    def merge(self, other):
        for key, value in vars(other).items():
            setattr(self, key, getattr(self, key) + value)

    def gpe_pct(self):
        return 100.0 * self.gross / self.both_voiced if self.both_voiced else float("nan")

    def voicing_pct(self):
        return 100.0 * self.agree / self.paired if self.paired else float("nan")

    def missed_voiced_pct(self):
        return 100.0 * self.missed_voiced / self.paired if self.paired else float("nan")

    def false_voiced_pct(self):
        return 100.0 * self.false_voiced / self.paired if self.paired else float("nan")

    def fine_cents_mean(self):
        return self.fine_cents / self.fine_frames if self.fine_frames else float("nan")


def run(command, timeout=120):
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    return proc, time.perf_counter() - started


def praat_pitch(path):
    proc, _ = run(["praat", "--run", PRAAT_PITCH, path])
    if proc.returncode != 0:
        raise RuntimeError(f"praat pitch failed on {path}: {proc.stderr.strip()}")
    times, f0 = [], []
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2:
            times.append(float(parts[0]))
            f0.append(float(parts[1]))
    step = (times[-1] - times[0]) / (len(times) - 1) if len(times) > 1 else 0.01
    return Track(times[0] if times else 0.0, step, f0)


def praat_syllables(path):
    proc, _ = run(["praat", "--run", PRAAT_SYLLABLES, path])
    if proc.returncode != 0:
        raise RuntimeError(f"praat syllables failed on {path}: {proc.stderr.strip()}")
    fields = dict(item.split("=", 1) for item in proc.stdout.split() if "=" in item)
    return int(fields["syllables"])


def attune_prosody(binary, path):
    """Returns (result dict, wall seconds) or raises with Attune's error output."""
    proc, wall = run([binary, "prosody", path, "--pitch-track", "--no-words"])
    if proc.returncode != 0:
        raise RuntimeError(f"attune exited {proc.returncode} on {os.path.basename(path)}: "
                           f"{(proc.stderr or proc.stdout).strip()[:300]}")
    text = proc.stdout
    start = text.find("{")
    if start < 0:
        raise RuntimeError(f"attune printed no JSON for {os.path.basename(path)}")
    result, _ = json.JSONDecoder().raw_decode(text[start:])
    return result, wall


def attune_track(result):
    track = result.get("pitch_track") or {}
    return Track(float(track.get("first_time_s", 0.0)), float(track.get("time_step_s", 0.01)),
                 track.get("f0_hz") or [])


def analyse_file(corpus, name, info, attune, praat_only):
    """Runs the tools on one file; returns a dict of their outputs (or errors)."""
    path = os.path.join(corpus, name)
    out = dict(name=name, info=info, praat=praat_pitch(path), praat_syllables=None,
               attune=None, attune_error=None, attune_wall=0.0)
    try:
        out["praat_syllables"] = praat_syllables(path)
    except (RuntimeError, KeyError, ValueError) as error:
        print(f"warning: {error}", file=sys.stderr)
    if not praat_only:
        try:
            out["attune"], out["attune_wall"] = attune_prosody(attune, path)
        except (RuntimeError, ValueError, subprocess.TimeoutExpired) as error:
            out["attune_error"] = str(error)
    return out


def fmt(value, digits=2):
    return "nan" if value != value else f"{value:.{digits}f}"


def mape(pairs):
    errors = [abs(count - truth) / truth * 100.0 for count, truth in pairs if truth > 0]
    return sum(errors) / len(errors) if errors else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--attune", default=DEFAULT_ATTUNE, help="path of the attune binary")
    parser.add_argument("--praat-only", action="store_true", help="only Praat against truth")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    with open(os.path.join(args.corpus, "truth.json")) as f:
        truth = json.load(f)["files"]
    if not args.praat_only and not os.access(args.attune, os.X_OK):
        sys.exit(f"no attune binary at {args.attune} (build it, pass --attune, or use --praat-only)")

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(analyse_file, args.corpus, name, info, args.attune, args.praat_only)
                   for name, info in sorted(truth.items())]
        results = [future.result() for future in futures]

    comparisons = ("attune_vs_praat", "attune_vs_truth", "praat_vs_truth")
    totals = {(c, cond): PitchStats() for c in comparisons for cond in CONDITIONS}
    syllables = {(tool, cond): [] for tool in ("attune", "praat", "attune_vs_praat")
                 for cond in CONDITIONS}
    f0_mean_errors = {cond: [] for cond in CONDITIONS}
    failures = []
    attune_wall = audio_s = 0.0

    header = (f"{'file':34} {'dur':>5} | {'A-P gpe':>7} {'va':>6} | {'A-T gpe':>7} {'va':>6} | "
              f"{'P-T gpe':>7} {'va':>6} | {'syl T/A/P':>11}")
    print(header, file=sys.stderr)
    print("-" * len(header), file=sys.stderr)
    for r in results:
        info, cond = r["info"], r["info"]["condition"]
        per_file = {c: PitchStats() for c in comparisons}
        truth_track = None
        if info.get("f0"):
            t = info["f0"]
            truth_track = Track(t["first_time_s"], t["time_step_s"], t["f0_hz"], interpolate=True)
            per_file["praat_vs_truth"].add(r["praat"], truth_track)
        attune = r["attune"]
        if attune is not None:
            track = attune_track(attune)
            per_file["attune_vs_praat"].add(track, r["praat"])
            if truth_track:
                per_file["attune_vs_truth"].add(track, truth_track)
            praat_mean = r["praat"].voiced_mean()
            if praat_mean > 0 and attune.get("f0_mean_hz"):
                f0_mean_errors[cond].append(abs(attune["f0_mean_hz"] - praat_mean) / praat_mean * 100)
            if attune.get("syllables") is not None:
                syllables[("attune", cond)].append((attune["syllables"], info["syllables"]))
                if r["praat_syllables"]:
                    syllables[("attune_vs_praat", cond)].append((attune["syllables"],
                                                                 r["praat_syllables"]))
            attune_wall += r["attune_wall"]
            audio_s += info["duration_s"]
        elif r["attune_error"]:
            failures.append(r["attune_error"])
        if r["praat_syllables"] is not None:
            syllables[("praat", cond)].append((r["praat_syllables"], info["syllables"]))
        for c in comparisons:
            totals[(c, cond)].merge(per_file[c])

        def cells(stats):
            if not stats.paired:
                return f"{'-':>7} {'-':>6}"
            return f"{fmt(stats.gpe_pct(), 1):>7} {fmt(stats.voicing_pct(), 1):>6}"

        syl = f"{info['syllables']}/{attune.get('syllables', '-') if attune else '-'}/" \
              f"{r['praat_syllables'] if r['praat_syllables'] is not None else '-'}"
        print(f"{r['name'][:34]:34} {info['duration_s']:5.1f} | {cells(per_file['attune_vs_praat'])} | "
              f"{cells(per_file['attune_vs_truth'])} | {cells(per_file['praat_vs_truth'])} | {syl:>11}",
              file=sys.stderr)
    print("(A = Attune, P = Praat, T = truth; gpe and va = voicing agreement in %; "
          "syllables T/A/P)", file=sys.stderr)

    lines = [("files", len(results)),
             ("synthetic_files", sum(1 for r in results if r["info"].get("f0"))),
             ("audio_s", fmt(sum(r["info"]["duration_s"] for r in results), 1))]
    names = {"attune_vs_praat": "{m}_vs_praat_{c}", "attune_vs_truth": "{m}_vs_truth_{c}",
             "praat_vs_truth": "praat_{m}_vs_truth_{c}"}
    for comparison in comparisons:
        if args.praat_only and comparison != "praat_vs_truth":
            continue
        for cond in CONDITIONS:
            stats = totals[(comparison, cond)]
            name = names[comparison]
            lines += [(name.format(m="gpe", c=cond) + "_pct", fmt(stats.gpe_pct())),
                      (name.format(m="voicing_agreement", c=cond) + "_pct", fmt(stats.voicing_pct())),
                      (name.format(m="missed_voiced", c=cond) + "_pct", fmt(stats.missed_voiced_pct())),
                      (name.format(m="false_voiced", c=cond) + "_pct", fmt(stats.false_voiced_pct())),
                      (name.format(m="fine_error", c=cond) + "_cents", fmt(stats.fine_cents_mean())),
                      (name.format(m="frames", c=cond), stats.paired)]
    tools = ["praat"] if args.praat_only else ["attune", "praat", "attune_vs_praat"]
    for tool in tools:
        prefix = {"attune": "", "praat": "praat_", "attune_vs_praat": ""}[tool]
        what = "syllable_count_vs_praat" if tool == "attune_vs_praat" else "syllable_count"
        both = syllables[(tool, "clean")] + syllables[(tool, "snr10")]
        lines.append((f"{prefix}{what}_mape_pct", fmt(mape(both))))
        for cond in CONDITIONS:
            lines.append((f"{prefix}{what}_mape_{cond}_pct", fmt(mape(syllables[(tool, cond)]))))
    if not args.praat_only:
        for cond in CONDITIONS:
            errors = f0_mean_errors[cond]
            lines.append((f"f0_mean_vs_praat_{cond}_mape_pct",
                          fmt(sum(errors) / len(errors) if errors else float("nan"))))
        lines.append(("attune_failed_files", len(failures)))
        lines.append(("attune_wall_s_per_audio_s", fmt(attune_wall / audio_s if audio_s else
                                                       float("nan"), 4)))
    for name, value in lines:
        print(f"{name}={value}")

    if not args.praat_only:
        for cond in CONDITIONS:
            stats = totals[("attune_vs_praat", cond)]
            met = stats.gpe_pct() <= GOAL_GPE_PCT and stats.voicing_pct() >= GOAL_VOICING_PCT
            verdict = "no data" if not stats.paired else "met" if met else "NOT met"
            print(f"# goal (GPE <= {GOAL_GPE_PCT} %, voicing agreement >= {GOAL_VOICING_PCT} %) "
                  f"vs Praat, {cond}: {verdict}", file=sys.stderr)
        if failures:
            print(f"# attune failed on {len(failures)} file(s); first: {failures[0]}", file=sys.stderr)
            if len(failures) == len(results):
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
