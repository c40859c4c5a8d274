# Prints the F0 track of a sound file as Praat's reference for the prosody benchmark.
# Usage: praat --run praat_pitch.praat FILE.wav
# Output: one "time f0" line per frame (time in s, f0 in Hz, 0 = unvoiced / undefined).
# "To Pitch (ac)" with Praat 6.3's positional arguments: time step 0.01 s, pitch floor 75 Hz,
# max. candidates 15, very accurate off, silence threshold 0.03, voicing threshold 0.45,
# octave cost 0.01, octave-jump cost 0.35, voiced/unvoiced cost 0.14, pitch ceiling 600 Hz.
# (In Praat 6.4+ this command was renamed "To Pitch (raw ac)"/"(filtered ac)"; 6.3 keeps "(ac)".)
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
