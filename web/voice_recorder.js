// Records a spoken reply from the microphone as a 16 kHz mono 16-bit WAV, the format the server
// analyses directly (no resampling there, and a minute is under 2 MB). Samples are gathered at the
// microphone's own rate by an audio worklet (not every browser connects a microphone to a context
// of another rate) and resampled by an OfflineAudioContext when the recording stops.
export const MAX_SECONDS = 60;
const RATE = 16000;

function wav(chunks, rate) {
  const n = chunks.reduce((sum, c) => sum + c.length, 0);
  const view = new DataView(new ArrayBuffer(44 + 2 * n));
  const text = (offset, s) => { for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i)); };
  text(0, 'RIFF'); view.setUint32(4, 36 + 2 * n, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, 2 * n, true);
  let offset = 44;
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++, offset += 2) {
      const x = Math.max(-1, Math.min(1, c[i]));
      view.setInt16(offset, x < 0 ? x * 0x8000 : x * 0x7fff, true);
    }
  }
  return new Blob([view], { type: 'audio/wav' });
}

// Starts recording; resolves to { stop(): Promise<Blob>, seconds(): number, cancel() }. Stops by
// itself at MAX_SECONDS (onLimit is called).
export async function startRecording(onLimit) {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: false, autoGainControl: true },
  });
  const context = new AudioContext();
  await context.audioWorklet.addModule('/ui/recorder_worklet.js');
  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, 'attune-recorder');
  const chunks = [];
  let samples = 0;
  let finished = false;
  const release = () => {
    finished = true;
    node.port.onmessage = null;
    source.disconnect();
    node.disconnect();
    stream.getTracks().forEach((t) => t.stop());
    return context.close();
  };
  node.port.onmessage = (ev) => {
    if (finished) return;
    chunks.push(ev.data);
    samples += ev.data.length;
    if (samples >= MAX_SECONDS * context.sampleRate && onLimit) onLimit();
  };
  source.connect(node);
  // The worklet only runs while connected to the graph; a muted gain keeps the learner from
  // hearing themselves.
  const mute = context.createGain();
  mute.gain.value = 0;
  node.connect(mute).connect(context.destination);
  return {
    seconds: () => samples / context.sampleRate,
    async stop() {
      const rate = context.sampleRate;
      await release();
      const n = Math.min(chunks.reduce((sum, c) => sum + c.length, 0), MAX_SECONDS * rate);
      if (n === 0) return wav([], RATE);
      const buffer = new AudioBuffer({ length: n, numberOfChannels: 1, sampleRate: rate });
      let offset = 0;
      for (const c of chunks) {
        const take = Math.min(c.length, n - offset);
        if (take <= 0) break;
        buffer.copyToChannel(c.subarray(0, take), 0, offset);
        offset += take;
      }
      const offline = new OfflineAudioContext(1, Math.ceil((n * RATE) / rate), RATE);
      const source = offline.createBufferSource();
      source.buffer = buffer;
      source.connect(offline.destination);
      source.start();
      const resampled = await offline.startRendering();
      return wav([resampled.getChannelData(0)], RATE);
    },
    cancel: release,
  };
}
