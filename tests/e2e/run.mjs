// End-to-end: the real attune binary, Debian's Chromium, playwright-core.
// Log in as the demo admin, import a CSV, see the new team and its members, create an xAPI client
// credential, forward statements to another LRS, revoke the credential, log out. Then a learner
// takes the adaptive assessment and a practice session in the browser, reads their ERPS and
// development map, and plays a role-play to its debrief, then speaks a reply through Chromium's
// fake microphone (the voice fixture).
// Usage: node tests/e2e/run.mjs path/to/attune
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const attune = process.argv[2];
assert.ok(attune, 'usage: node run.mjs path/to/attune');

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForHealth(base) {
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('attune did not start');
}

const dir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(attune, ['serve', '--demo', '--db', join(dir, 'e2e.db'), '--port', String(port)],
  {
    env: { ...process.env, ATTUNE_ACCESS_LOG: 'off',
      ATTUNE_ITEM_BANK: join(dirname(fileURLToPath(import.meta.url)), '../../content/items'),
      ATTUNE_SCENARIO_LIBRARY: join(dirname(fileURLToPath(import.meta.url)), '../../content/scenarios'),
      ATTUNE_AFFECT_MODEL: join(dirname(fileURLToPath(import.meta.url)), '../../models/affect/emotion-v1.bin'),
      ATTUNE_WEBCAM_ASSETS: join(dirname(fileURLToPath(import.meta.url)), '../../third_party/human/node_modules/@vladmandic/human') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
let browser;
let failures = 0;
const results = [];
let xapiCredential;
async function step(name, fn) {
  try { await fn(); results.push(`ok   ${name}`); } catch (e) { failures++; results.push(`FAIL ${name}: ${e.message}`); throw e; }
}

try {
  await waitForHealth(base);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      // The microphone is the repository's voice fixture, played once.
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${join(dirname(fileURLToPath(import.meta.url)), '../fixtures/voice/frustrating_release.wav')}%noloop`],
  });
  const page = await browser.newPage();
  const consoleErrors = [];
  // API answers such as 400, 401 and 422 are expected along the way; any other console error is a bug.
  const expected = /status of (400|401|422)/;
  page.on('console', (m) => { if (m.type() === 'error' && !expected.test(m.text())) consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  await step('login page is accessible', async () => {
    await page.goto(base + '/');
    await page.getByRole('heading', { name: 'Log in to Attune' }).waitFor();
    // Every form control has a programmatic label.
    const unlabeled = await page.$$eval('input, select', (els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
    assert.deepEqual(unlabeled, []);
  });

  await step('a wrong password shows a clear error', async () => {
    await page.getByLabel('E-mail').fill('admin@demo.attune.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong e-mail or password' }).waitFor();
  });

  await step('admin logs in with the keyboard and sees the admin navigation', async () => {
    await page.getByLabel('Password').fill('attune-demo-2026');
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: /Welcome, Ada Admin/ }).waitFor();
    for (const link of ['People', 'Teams', 'Import', 'Audit log', 'xAPI clients', 'Item bank', 'Privacy']) {
      await page.getByRole('navigation').getByRole('link', { name: link }).waitFor();
    }
    assert.ok(await page.getByText('every person and figure here is made-up demo data').isVisible(), 'demo banner shown');
  });

  await step('a CSV with a bad row is rejected line by line and imports nothing', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import people' }).waitFor();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'employee_id,name,email,team,manager_id,role,locale\nQ1,Quinn,quinn@e2e.test,Quality,,manager,en\nQ2,Rae,not-an-email,Quality,Q1,learner,en\n');
    await page.getByLabel('CSV file').setInputFiles(bad);
    await page.getByText('Line 3 (email): email is not a valid e-mail address').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Import' }).isDisabled());
  });

  await step('a valid CSV is checked, then imported', async () => {
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'employee_id,name,email,team,manager_id,role,locale\nQ1,Quinn Quality,quinn@e2e.test,Quality/Assurance,,manager,en-GB\nQ2,Rae Reviewer,rae@e2e.test,Quality/Assurance,Q1,learner,en-GB\n');
    await page.getByLabel('CSV file').setInputFiles(good);
    await page.getByText(/Valid: 2 rows \(2 new, 0 updated, 2 new teams\)/).waitFor();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/Imported 2 rows: 2 new/).waitFor();
  });

  await step('the imported team and its members are visible', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'Quality/Assurance' }).click();
    await page.getByRole('heading', { name: 'Quality/Assurance', level: 2 }).waitFor();
    await page.getByText('Rae Reviewer (learner)').waitFor();
    await page.getByText('Quinn Quality (manager)').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    await page.getByRole('cell', { name: 'rae@e2e.test' }).waitFor();
  });

  await step('admin creates an xAPI client credential and sees the key, the secret and the endpoint once', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'xAPI clients' }).click();
    await page.getByRole('heading', { name: 'xAPI clients', level: 1 }).waitFor();
    await page.getByText('No xAPI clients yet.').waitFor();
    const unlabeled = await page.$$eval('input, select', (els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
    assert.deepEqual(unlabeled, []);
    // No scope: the server's message is shown and nothing is created.
    await page.getByLabel('Name').fill('e2e LMS');
    await page.getByLabel(/^Read/).uncheck();
    await page.getByLabel(/^Write/).uncheck();
    await page.getByRole('button', { name: 'Create credential' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least one scope' }).waitFor();
    await page.getByText('No xAPI clients yet.').waitFor();
    await page.getByLabel(/^Read/).check();
    await page.getByLabel(/^Write/).check();
    await page.getByRole('button', { name: 'Create credential' }).click();
    await page.getByRole('heading', { name: 'Credential created for e2e LMS' }).waitFor();
    await page.getByText('it is shown only this once').waitFor();
    const key = await page.getByLabel('Key', { exact: true }).inputValue();
    const secret = await page.getByLabel('Secret', { exact: true }).inputValue();
    const endpoint = await page.getByLabel('Endpoint', { exact: true }).inputValue();
    assert.match(key, /^lrs_[0-9a-f]+$/);
    assert.match(secret, /^[0-9a-f]{32,}$/);
    assert.equal(endpoint, `${base}/xapi/`);
    await page.getByRole('cell', { name: key, exact: true }).waitFor();
    await page.getByRole('cell', { name: 'read, write', exact: true }).waitFor();
    // The secret works at the LRS, and the list never shows it.
    const xapi = (k, s) => fetch(`${endpoint}statements`, {
      headers: { Authorization: `Basic ${Buffer.from(`${k}:${s}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3' },
    }).then((r) => r.status);
    assert.equal(await xapi(key, secret), 200);
    assert.equal(await page.getByRole('table').getByText(secret).count(), 0);
    await page.getByRole('button', { name: 'I have copied the secret' }).click();
    assert.equal(await page.getByLabel('Secret', { exact: true }).count(), 0, 'the secret is gone once dismissed');
    xapiCredential = { key, secret, xapi };
  });

  await step('admin forwards statements to another LRS (this server, with the new credential) and watches them arrive', async () => {
    const { key, secret } = xapiCredential;
    const endpoint = `${base}/xapi/`;
    const sent = await fetch(`${endpoint}statements`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' },
      body: JSON.stringify({ actor: { mbox: 'mailto:e2e@example.com' }, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object: { id: 'http://example.com/e2e-course' } }),
    });
    assert.equal(sent.status, 200);
    await page.getByText('Not forwarding.').waitFor();
    // A bad endpoint: the server's message, on the field, and nothing is set up.
    await page.getByLabel('Other LRS endpoint').fill('ftp://nowhere');
    await page.getByLabel('Other LRS key').fill(key);
    await page.getByLabel('Other LRS secret').fill(secret);
    await page.getByRole('button', { name: 'Start forwarding' }).click();
    await page.getByRole('alert').filter({ hasText: 'endpoint must be' }).waitFor();
    assert.equal(await page.getByLabel('Other LRS endpoint').getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Other LRS endpoint').fill(endpoint);
    await page.getByLabel('Also send the statements already stored here').check();
    await page.getByRole('button', { name: 'Start forwarding' }).click();
    // The server's forwarder delivers within seconds; the status follows without a reload.
    await page.locator('#lrs-forwarding-state', { hasText: 'Up to date.' }).waitFor({ timeout: 15000 });
    assert.ok(Number(await page.locator('#lrs-forwarding-delivered').textContent()) >= 1);
    assert.equal(await page.locator('#lrs-forwarding-pending').textContent(), '0');
    assert.equal(await page.getByLabel('Other LRS secret').inputValue(), '', 'the secret is never shown again');
    // Stopping asks first, with the focus on Cancel.
    await page.getByRole('button', { name: 'Stop forwarding' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel');
    await page.getByRole('button', { name: 'Yes, stop forwarding' }).click();
    await page.getByText('Not forwarding.').waitFor();
  });

  await step('admin revokes the credential after confirming, and the LRS refuses it', async () => {
    const { key, secret, xapi } = xapiCredential;
    await page.getByRole('button', { name: `Revoke e2e LMS (${key})` }).click();
    // Cancel keeps it; the confirmation starts on Cancel.
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cancel');
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await xapi(key, secret), 200);
    await page.getByRole('button', { name: `Revoke e2e LMS (${key})` }).click();
    await page.getByRole('button', { name: 'Yes, revoke e2e LMS' }).click();
    await page.getByRole('cell', { name: /^Revoked / }).waitFor();
    assert.equal(await page.getByRole('button', { name: `Revoke e2e LMS (${key})` }).count(), 0);
    assert.equal(await xapi(key, secret), 401);
  });

  await step('admin refits the item bank and sees where its calibration stands', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Item bank' }).click();
    await page.getByRole('heading', { name: 'Item bank' }).waitFor();
    await page.getByText(/Not refitted yet/).waitFor();
    await page.getByRole('button', { name: 'Refit from answers' }).click();
    // No learner has answered 50 times yet: nothing to refit, and the page says why.
    await page.getByText(/^0 items refitted\. Items need at least 50/).waitFor();
  });

  await step('log out returns to the login page and the session is gone', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to Attune' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(me, 401);
  });

  await step('a learner sees only learner navigation', async () => {
    await page.getByLabel('E-mail').fill('liam@demo.attune.test');
    await page.getByLabel('Password').fill('attune-demo-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: /Welcome, Liam/ }).waitFor();
    const links = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    assert.deepEqual(links, ['Home', 'My ERPS', 'Assessment', 'Practice', 'Role-play', 'Privacy']);
  });

  // Answers the item on screen (the first option, or the option `pick` names) and returns the
  // feedback's verdict text.
  async function answerItem(pick) {
    const radios = page.getByRole('radio');
    await radios.first().waitFor();
    await (pick ? page.getByRole('radio', { name: pick }) : radios.first()).check();
    await page.getByRole('button', { name: 'Answer' }).click();
    const verdict = page.locator('.verdict');
    await verdict.waitFor();
    const text = await verdict.innerText();
    assert.ok(await page.locator('.explanation').innerText(), 'the explanation is shown');
    return text;
  }

  await step('a learner takes the adaptive assessment end to end and gets an ERPS per branch', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Assessment' }).click();
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    let items = 0;
    for (;;) {
      await answerItem();
      items++;
      assert.ok(items <= 40, 'the assessment stops by 40 items');
      const results = page.getByRole('button', { name: 'See my results' });
      if (await results.count()) { await results.click(); break; }
      await page.getByRole('button', { name: 'Next item' }).click();
    }
    await page.getByRole('heading', { name: 'Your results' }).waitFor();
    const table = page.getByRole('table', { name: /Emotion-Recognition Proficiency Score/ });
    const overall = await table.getByRole('row', { name: /Overall/ }).innerText();
    assert.match(overall, /\d{3}\s+\d{3}–\d{3}/, `an ERPS with its interval: ${overall}`);
    assert.match(await page.getByText(/items answered/).innerText(), new RegExp(`^${items} items`));
  });

  await step('My ERPS shows the score, the trend, the confusion heat map and the practice plan', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'My ERPS' }).click();
    await page.getByRole('heading', { name: 'My ERPS' }).waitFor();
    await page.getByRole('img', { name: /ERPS over 1 assessments/ }).waitFor();
    const heat = page.getByRole('table', { name: /Which emotion you chose/ });
    assert.ok(await heat.getByRole('row').count() > 1, 'the heat map has rows');
    assert.equal(await page.locator('ol.plan li').count(), 3);
  });

  await step('a practice session gives feedback after each answer and schedules reviews', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Practice' }).click();
    await page.getByRole('heading', { name: 'Practice' }).waitFor();
    await page.getByLabel('My role').selectOption('support');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Start a practice session' }).click();
    for (let i = 0; i < 10; i++) {
      await answerItem();
      await page.getByText(/This item comes back/).waitFor();
      await page.getByRole('button', { name: i < 9 ? 'Next' : 'Finish', exact: true }).click();
    }
    await page.getByRole('heading', { name: 'Session complete' }).waitFor();
    assert.match(await page.getByText(/of 10 right/).innerText(), /^\d+ of 10 right/);
  });

  await step('a role-play runs reply by reply with feedback and ends in a debrief', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Role-play' }).click();
    await page.getByRole('heading', { name: 'Role-play' }).waitFor();
    await page.getByRole('button', { name: /^Start: / }).first().click();
    await page.getByRole('table', { name: /Rubric \(how your replies are scored\)/ }).waitFor();
    const replies = [
      "That sounds really hard, and I'm sorry. What would help most right now?",
      'I understand why that matters to you. I will sort this out today and call you back at four.',
    ];
    for (let turn = 0; turn < 15; turn++) {
      if (await page.getByRole('heading', { name: 'Debrief' }).count()) break;
      await page.getByLabel('Your reply').fill(replies[Math.min(turn, replies.length - 1)]);
      await page.getByRole('button', { name: 'Send reply' }).click();
      await page.locator('.transcript > li').nth(turn).waitFor();
      const feedback = await page.locator('.transcript > li').nth(turn).locator('.fb li').count();
      assert.ok(feedback > 0, 'every reply gets feedback');
    }
    await page.getByRole('heading', { name: 'Debrief' }).waitFor();
    assert.match(await page.locator('.experiment').innerText(), /One experiment to try at work: \S/);
    await page.getByRole('table', { name: 'Rubric scores' }).waitFor();
    // Back on the list, the finished run shows up as progress per rubric criterion.
    await page.getByRole('button', { name: '← All scenarios' }).click();
    await page.getByRole('heading', { name: 'Your progress' }).waitFor();
    await page.getByRole('table', { name: /rubric scores, run by run/ }).first().waitFor();
  });

  await step('after giving consent, a learner speaks a reply and sees how they said it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Privacy' }).click();
    const row = page.getByRole('row', { name: /Voice prosody in practice/ });
    await row.getByRole('button', { name: 'Give consent' }).click();
    await row.getByRole('button', { name: 'Withdraw consent' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Role-play' }).click();
    await page.getByRole('heading', { name: 'Role-play' }).waitFor();
    await page.getByRole('button', { name: /^Start: / }).nth(1).click();
    await page.getByRole('button', { name: 'Record a spoken reply' }).click();
    await page.getByRole('button', { name: 'Stop and send' }).waitFor({ timeout: 10000 }).catch(async (e) => {
      throw new Error(`${e.message}: ${await page.locator('section .error').allInnerTexts()}`);
    });
    await page.waitForTimeout(6000);  // the fixture lasts 5.3 s
    await page.getByRole('button', { name: 'Stop and send' }).click();
    await page.getByRole('heading', { name: 'How you said it' }).waitFor({ timeout: 20000 });
    assert.match(await page.locator('.voice-result q').innerText(), /\w+ \w+/, 'words were recognised');
    assert.match(await page.locator('.voice-result').innerText(), /syllables a second/);
    assert.match(await page.locator('.transcript > li').first().innerText(), /You \(spoken\):/);
  });

  await step('the webcam mirror runs only in the browser: no request carries anything from it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Privacy' }).click();
    const row = page.getByRole('row', { name: /Webcam expression mirror/ });
    await row.getByRole('button', { name: 'Give consent' }).click();
    await row.getByRole('button', { name: 'Withdraw consent' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Role-play' }).click();
    await page.getByRole('button', { name: /^Start: / }).nth(2).click();
    const requests = [];
    const watch = (r) => requests.push({ method: r.method(), url: new URL(r.url()).pathname, body: r.postData() });
    await page.getByRole('button', { name: 'Turn on the mirror' }).click();
    page.on('request', watch);  // from the moment the consent check has been made
    await page.getByRole('button', { name: 'Turn off the mirror' }).waitFor({ timeout: 60000 }).catch(async (e) => {
      throw new Error(`${e.message}: ${await page.locator('.mirror-status').innerText()}`);
    });
    await page.locator('.mirror-status').filter({ hasText: /^On\./ }).waitFor({ timeout: 60000 });
    await page.waitForTimeout(3000);  // a few detections of the camera's frames
    await page.getByRole('button', { name: 'Turn off the mirror' }).click();
    page.off('request', watch);
    assert.ok(requests.some((r) => r.url === '/ui/human/facemesh.bin'), 'the face models come from Attune itself');
    for (const r of requests) {
      assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
      assert.match(r.url, /^\/ui\/human\/[a-z.]+$/, `only the mirror's own files are fetched: ${r.url}`);
      assert.equal(r.body, null);
    }
  });

  await step('no console errors', async () => { assert.deepEqual(consoleErrors, []); });
} catch (e) {
  if (!results.some((r) => r.startsWith('FAIL'))) { failures++; results.push(`FAIL setup: ${e.message}`); }
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  for (const r of results) console.log(r);
  const passed = results.filter((r) => r.startsWith('ok')).length;
  console.log(`${passed} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}
