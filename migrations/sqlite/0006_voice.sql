-- Spoken role-play replies (docs/voice.md) and the LLM-worded counterpart line. A turn records whether it was spoken. Its voice
-- analysis and the recording itself are kept only when the learner asks (PRODUCT.md principle 2:
-- voice analysis is not stored by default); otherwise only the recognised words are, as the reply.
ALTER TABLE roleplay_turns ADD COLUMN spoken INTEGER NOT NULL DEFAULT 0;
ALTER TABLE roleplay_turns ADD COLUMN voice TEXT;
-- The counterpart's answer as an optional language model worded it (docs/scenarios.md).
ALTER TABLE roleplay_turns ADD COLUMN counterpart_line TEXT;

-- The recording of a kept spoken reply, base64 text like xAPI attachments, so both stores hold it
-- the same way.
CREATE TABLE roleplay_turn_audio (
  session_id TEXT NOT NULL,
  turn INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  audio_base64 TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, turn),
  FOREIGN KEY (session_id, turn) REFERENCES roleplay_turns(session_id, turn)
);
