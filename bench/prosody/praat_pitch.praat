# Prints the F0 track of a sound file as Praat's reference for the prosody benchmark.
# Usage: praat --run praat_pitch.praat FILE.wav
# Output: one "time f0" line per frame (time in s, f0 in Hz, 0 = unvoiced / undefined).
# "To Pitch (ac)" with Praat 6.3's positional arguments: time step 0.01 s, pitch floor 75 Hz,
# max. candidates 15, very accurate off, silence threshold 0.03, voicing threshold 0.45,
# octave cost 0.01, octave-jump cost 0.35, voiced/unvoiced cost 0.14, pitch ceiling 600 Hz.
# (Later Praat versions call this "To Pitch (raw ac)", with the ceiling moved up to third place,
# and still accept "To Pitch (ac)" with this old order; checked on 6.3.07.)
# Frames are centred in the sound: n = floor((duration - 3/floor) / step) + 1 and
# first time = (duration - (n - 1) * step) / 2, duration = samples / rate (about 0.02 s here).
form Pitch track
  sentence File
endform
sound = Read from file: file$
pitch = To Pitch (ac): 0.01, 75, 15, "no", 0.03, 0.45, 0.01, 0.35, 0.14, 600
frames = Get number of frames
writeInfo: ""
for frame to frames
  time = Get time from frame number: frame
  f0 = Get value in frame: frame, "Hertz"
  if f0 = undefined
    f0 = 0
  endif
  appendInfoLine: fixed$(time, 6), " ", fixed$(f0, 3)
endfor
removeObject: sound, pitch
