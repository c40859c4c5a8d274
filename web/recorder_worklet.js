// Audio worklet for voice_recorder.js: hands each block of microphone samples to the page. Runs in
// the browser's audio thread; nothing here leaves the browser.
class RecorderProcessor extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) this.port.postMessage(channel.slice(0));
    return true;
  }
}
registerProcessor('attune-recorder', RecorderProcessor);
