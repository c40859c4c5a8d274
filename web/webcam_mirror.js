// The webcam mirror: while practising, the learner may see what their camera shows of their face
// (a smile, raised brows, where they look, how they hold their head), live and only in this
// browser. The face models (@vladmandic/human, MIT) are loaded from Attune itself; frames and
// readings never leave the page, nothing is stored, and no emotion is inferred (the emotion model
// is neither served nor enabled). Off by default; it needs the learner's consent to the
// webcam_expression stream, which the eu jurisdiction policy turns off unless an admin has recorded
// a documented exception (PRODUCT.md principle 2).
import { el } from './dom.js';

const HUMAN_CONFIG = {
  backend: 'webgl',
  modelBasePath: '/ui/human/',
  cacheModels: false,
  warmup: 'none',
  debug: false,
  face: {
    enabled: true,
    detector: { enabled: true, rotation: false, maxDetected: 1 },
    mesh: { enabled: true },
    iris: { enabled: true },
    emotion: { enabled: false },
    description: { enabled: false },
    antispoof: { enabled: false },
    liveness: { enabled: false },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  segmentation: { enabled: false },
  gesture: { enabled: false },
};

const degrees = (radians) => Math.round((radians * 180) / Math.PI);
const mid = (points) => points[Math.floor(points.length / 2)];

// Readily apparent signals from the face mesh, relative to the face's size so distance to the
// camera does not matter. Brows are compared with the learner's own first seconds (their neutral).
function readings(face, neutral) {
  const a = face.annotations;
  const [, , width, height] = face.box;
  const lips = a.lipsUpperOuter;
  const left = lips[0];
  const right = lips[lips.length - 1];
  const centreY = (mid(a.lipsUpperOuter)[1] + mid(a.lipsLowerOuter)[1]) / 2;
  const mouthWidth = Math.hypot(right[0] - left[0], right[1] - left[1]) / width;
  const cornerLift = (centreY - (left[1] + right[1]) / 2) / height;
  const brow = ((mid(a.leftEyeUpper0)[1] - mid(a.leftEyebrowUpper)[1])
    + (mid(a.rightEyeUpper0)[1] - mid(a.rightEyebrowUpper)[1])) / (2 * height);
  if (neutral.brows.length < 20) neutral.brows.push(brow);
  const base = [...neutral.brows].sort((x, y) => x - y)[Math.floor(neutral.brows.length / 2)];
  const { angle, gaze } = face.rotation || { angle: { yaw: 0, pitch: 0, roll: 0 }, gaze: { bearing: 0, strength: 0 } };
  let looking = 'at the camera';
  if (gaze.strength > 0.35) {
    const b = degrees(gaze.bearing);
    looking = Math.abs(b) < 45 ? 'down' : Math.abs(b) > 135 ? 'up' : b > 0 ? 'to your left' : 'to your right';
  }
  return {
    smile: Math.max(0, Math.min(1, (mouthWidth - 0.36) / 0.14 + cornerLift * 10)),
    corners: cornerLift > 0.012 ? 'raised' : cornerLift < -0.012 ? 'lowered' : 'level',
    brows: brow > base * 1.12 ? 'raised' : brow < base * 0.9 ? 'drawn down' : 'neutral',
    looking,
    head: `turned ${Math.abs(degrees(angle.yaw))}°, tilted ${Math.abs(degrees(angle.roll))}°, ${degrees(angle.pitch) > 8 ? 'chin down' : degrees(angle.pitch) < -8 ? 'chin up' : 'level'}`,
  };
}

// One panel for the whole conversation: each reply rebuilds the session view, and the same panel
// (with its running camera) moves into the new view rather than being left running unseen.
let current = null;
let stopCurrent = () => {};

export function mirrorPanel(api) {
  if (!current || !current.isConnected) {
    stopCurrent();
    current = buildPanel(api);
  }
  return current;
}

// Turns the camera off and forgets the panel (leaving the conversation).
export function closeMirror() {
  stopCurrent();
  current = null;
}

function buildPanel(api) {
  const status = el('p', { class: 'mirror-status' }, 'Off.');
  const video = el('video', { autoplay: true, muted: true, playsinline: true, hidden: true, 'aria-label': 'Your camera, mirrored' });
  const values = {};
  const row = (key, label) => { values[key] = el('dd', {}, '–'); return [el('dt', {}, label), values[key]]; };
  const list = el('dl', { hidden: true }, row('smile', 'Smile'), row('corners', 'Mouth corners'), row('brows', 'Brows'),
    row('looking', 'Looking'), row('head', 'Head'));
  const toggle = el('button', { type: 'button' }, 'Turn on the mirror');
  let running = null;

  async function start() {
    const { streams } = await api('GET', '/api/v1/me/consents');
    const stream = streams.find((s) => s.key === 'webcam_expression');
    if (!stream || !stream.processed) {
      status.textContent = `Not available: ${stream ? stream.reason : 'no such data stream'}. You can give consent on the Privacy page.`;
      return;
    }
    status.textContent = 'Loading the face models…';
    const { Human } = await import('/ui/human/human.esm.js');
    const human = new Human(HUMAN_CONFIG);
    await human.load();
    const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    video.srcObject = camera;
    video.hidden = false;
    list.hidden = false;
    toggle.textContent = 'Turn off the mirror';
    const neutral = { brows: [] };
    running = { camera, human, stop: false };
    const state = running;
    status.textContent = 'On. Only you see this; nothing leaves this page.';
    (async function loop() {
      while (!state.stop) {
        if (video.readyState >= 2) {
          const result = await human.detect(video);
          if (state.stop) break;
          const face = result.face[0];
          if (!face || !face.annotations?.lipsUpperOuter) {
            status.textContent = 'On. No face in view.';
          } else {
            status.textContent = 'On. Only you see this; nothing leaves this page.';
            const r = readings(face, neutral);
            values.smile.replaceChildren(el('meter', { min: 0, max: 1, value: r.smile, 'aria-label': 'Smile' }));
            values.corners.textContent = r.corners;
            values.brows.textContent = r.brows;
            values.looking.textContent = r.looking;
            values.head.textContent = r.head;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
  }

  function stop() {
    if (!running) return;
    running.stop = true;
    running.camera.getTracks().forEach((t) => t.stop());
    running = null;
    video.srcObject = null;
    video.hidden = true;
    list.hidden = true;
    toggle.textContent = 'Turn on the mirror';
    status.textContent = 'Off.';
  }

  toggle.addEventListener('click', async () => {
    if (running) return stop();
    toggle.disabled = true;
    try {
      await start();
    } catch (e) {
      status.textContent = `The mirror could not start: ${e.message || e}`;
      stop();
    } finally {
      toggle.disabled = false;
    }
  });
  stopCurrent = stop;
  // Leaving the page turns the camera off.
  window.addEventListener('hashchange', closeMirror, { once: true });
  return el('fieldset', { class: 'mirror' },
    el('legend', {}, 'Webcam mirror (optional)'),
    el('p', {}, el('small', {}, 'See what your camera shows of your face while you reply: smile, brows, where you look, how you hold your head. It runs in this browser only; nothing is sent to Attune or stored, and no emotion is read into it.')),
    el('p', {}, toggle), status, video, list);
}
