# Counts syllable nuclei the way de Jong & Wempe (2009) do ("Praat script to detect syllable
# nuclei and measure speech rate automatically", Behavior Research Methods 41(2)), with their
# defaults: silence threshold -25 dB, minimum dip 2 dB, minimum pause 0.3 s. Used as Praat's
# reference for the prosody benchmark's syllable counts.
# Usage: praat --run praat_syllables.praat FILE.wav
# Output: one line "syllables=N phonation_s=T duration_s=D".
form Syllable nuclei
  sentence File
endform
silence_db = -25
min_dip_db = 2
min_pause_s = 0.3

sound = Read from file: file$
duration = Get total duration
intensity = To Intensity: 50, 0, "yes"
min_int = Get minimum: 0, 0, "Parabolic"
max_int = Get maximum: 0, 0, "Parabolic"
max99 = Get quantile: 0, 0, 0.99
# Peaks must exceed the 99% quantile minus 25 dB; silences are 25 dB below it (relative to max).
threshold = max99 + silence_db
if threshold < min_int
  threshold = min_int
endif
silence_threshold = silence_db - (max_int - max99)
textgrid = To TextGrid (silences): silence_threshold, min_pause_s, 0.1, "silent", "sounding"
intervals = Get number of intervals: 1
phonation = 0
for interval to intervals
  label$ = Get label of interval: 1, interval
  if label$ = "sounding"
    t1 = Get start time of interval: 1, interval
    t2 = Get end time of interval: 1, interval
    phonation = phonation + t2 - t1
  endif
endfor

# Intensity peaks: maxima of the intensity contour (as a sound) above the threshold.
selectObject: intensity
matrix = Down to Matrix
intensity_sound = To Sound (slice): 1
points = To PointProcess (extrema): 1, "yes", "no", "Sinc70"
peaks_all = Get number of points
for i to peaks_all
  peak_time[i] = Get time from index: i
endfor
selectObject: intensity_sound
peaks = 0
for i to peaks_all
  value = Get value at time: peak_time[i], "Cubic"
  if value > threshold
    peaks = peaks + 1
    peak_db[peaks] = value
    time_of[peaks] = peak_time[i]
  endif
endfor

# A peak counts if the intensity dips by more than min_dip_db before the next peak
# (as in the original script, the last peak has no following peak and is never counted).
selectObject: intensity
valid = 0
if peaks > 0
  current_time = time_of[1]
  current_db = peak_db[1]
  for p to peaks - 1
    following_time = time_of[p + 1]
    dip = Get minimum: current_time, following_time, "None"
    if abs(current_db - dip) > min_dip_db
      valid = valid + 1
      valid_time[valid] = time_of[p]
    endif
    current_time = following_time
    current_db = Get value at time: following_time, "Nearest"
  endfor
endif

# Keep the peaks that are voiced and inside a sounding interval.
selectObject: sound
pitch = To Pitch (ac): 0.02, 30, 4, "no", 0.03, 0.25, 0.01, 0.35, 0.25, 450
syllables = 0
for i to valid
  selectObject: textgrid
  interval = Get interval at time: 1, valid_time[i]
  label$ = Get label of interval: 1, interval
  selectObject: pitch
  f0 = Get value at time: valid_time[i], "Hertz", "Linear"
  if f0 <> undefined and label$ = "sounding"
    syllables = syllables + 1
  endif
endfor
writeInfoLine: "syllables=", syllables, " phonation_s=", fixed$(phonation, 3), " duration_s=", fixed$(duration, 3)
