// The resident's survey, improved. The page works without this script; with it the form shows one
// question per screen, keeps answers if the page reloads, and keeps a submission on the phone
// when the network is gone, sending it when the network returns. Submissions carry a key that
// makes the server store each one once, so sending again is always safe.
(() => {
  'use strict';
  const OUTBOX = 'skm-outbox', USED = 'skm-used', DAY = 864e5;
  const $ = (sel, el) => (el || document).querySelector(sel);
  const status = $('#status'), form = $('#survey');
  const load = (k, st) => { try { return JSON.parse((st || localStorage).getItem(k)); } catch (e) { return null; } };
  const save = (k, v, st) => { try { (st || localStorage).setItem(k, JSON.stringify(v)); } catch (e) { /* full or disabled: the form still posts */ } };
  // say puts a message in the live region; the same message again is not announced again.
  const say = (msg) => { if (status && status.textContent !== msg) status.textContent = msg; };
  let current = '', busy = false, timer = 0;
  // waiting tells the person their submission is kept on the phone; the form page says more.
  let waiting = () => say(status.dataset.saved);

  // A fresh submission key, for a form reused without a trip to the server (a kiosk offline).
  const mint = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };

  // send posts one kept submission and says what to do with it: done, retry later, or refused.
  const send = (item) => fetch(item.url, {
    method: 'POST', body: item.body, credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
  }).then((r) => r.json().catch(() => ({})).then((j) => {
    if (r.ok) return { ok: true, next: j.next };
    if (r.status === 403 && !item.renewed) return renew(item).then(send);
    if (r.status === 429 || r.status >= 500) return { retry: (+r.headers.get('Retry-After') || 5) * 1000 };
    return { refused: (j.error && j.error.message) || String(r.status) };
  }), () => ({ retry: 5000 }));

  // renew replaces an expired form token (the browser's cookies were cleared) with a fresh one.
  const renew = (item) => fetch(item.url, { credentials: 'same-origin' }).then((r) => r.text()).then((html) => {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    const body = new URLSearchParams(item.body);
    if (m) body.set('_csrf', m[1]);
    return Object.assign({}, item, { body: body.toString(), renewed: true });
  }, () => item);

  const drop = (key) => save(OUTBOX, (load(OUTBOX) || []).filter((i) => i.key !== key));

  // flush sends the kept submissions one by one, oldest first.
  const flush = () => {
    const box = load(OUTBOX) || [];
    if (busy || !box.length) return;
    busy = true;
    clearTimeout(timer);
    const item = box[0];
    send(item).then((res) => {
      busy = false;
      if (res.retry) {
        if (current && (load(OUTBOX) || []).some((i) => i.key === current)) waiting();
        timer = setTimeout(flush, Math.min(res.retry, 60000));
        return;
      }
      drop(item.key);
      if (item.key === current) {
        // Done: the thank-you page. Refused: post the form itself, so the server shows why with
        // the answers kept.
        if (res.ok) location.assign(res.next);
        else form.submit();
        return;
      }
      say(res.ok ? status.dataset.sent : status.dataset.failed + ' ' + res.refused);
      flush();
    });
  };

  if (form) {
    const kiosk = !!form.dataset.kiosk;
    const drafts = kiosk ? sessionStorage : localStorage;
    const DRAFT = 'skm-draft:' + form.getAttribute('action') + ':' + form.dataset.campaign;
    const steps = [...form.querySelectorAll('.step')];
    const wiz = $('.wiz', form);
    const wizard = !$('#errors') && wiz && steps.length > 1;
    const intro = $('.intro');
    let step = 0;

    const used = load(USED) || [];
    if (used.includes(form.elements.key.value)) form.elements.key.value = mint();

    const snapshot = () => {
      const f = {};
      new FormData(form).forEach((v, k) => { if (!/^(_csrf|key|t|website)$/.test(k)) f[k] = v; });
      save(DRAFT, { at: Date.now(), step, f }, drafts);
    };
    const restore = () => {
      const d = load(DRAFT, drafts);
      if (!d || Date.now() - d.at > DAY) return 0;
      Object.keys(d.f).forEach((k) => { if (form.elements[k]) form.elements[k].value = d.f[k]; });
      return d.step || 0;
    };

    const hint = (s, on) => {
      let p = $('.pick', s);
      if (!on) { if (p) p.remove(); return; }
      if (!p) {
        p = document.createElement('p');
        p.className = 'err pick';
        p.setAttribute('role', 'alert');
        $('legend,h2', s).after(p);
      }
      p.textContent = form.dataset.pick;
    };
    // valid checks one step; a step with a wrong or missing answer says so and takes the focus.
    const valid = (s) => {
      const bad = [...s.querySelectorAll('input,select,textarea')].find((el) => !el.checkValidity());
      hint(s, bad && bad.type === 'radio');
      if (!bad) return true;
      if (bad.type === 'radio') bad.focus(); else bad.reportValidity();
      return false;
    };
    const show = (i, focus) => {
      step = Math.max(0, Math.min(i, steps.length - 1));
      steps.forEach((s, j) => { s.hidden = j !== step; });
      // Past the first step the introduction would push the question below the fold.
      if (intro) intro.hidden = step > 0;
      $('.back', wiz).hidden = step === 0;
      $('.next', wiz).hidden = step === steps.length - 1;
      $('.count', wiz).textContent = form.dataset.step + ' ' + (step + 1) + ' ' + form.dataset.of + ' ' + steps.length;
      $('progress', wiz).value = step + 1;
      if (focus) {
        const h = $('legend,h2', steps[step]);
        h.tabIndex = -1;
        h.focus();
      }
    };

    if (wizard) {
      form.noValidate = true;
      wiz.hidden = false;
      show(restore());
      wiz.addEventListener('click', (e) => {
        const d = +(e.target.dataset.go || 0);
        if (d && (d < 0 || valid(steps[step]))) { show(step + d, true); snapshot(); }
      });
    } else if (!$('#errors')) {
      restore();
    }
    let dirty = false;
    const edited = (e) => {
      dirty = true;
      if (e.target.type === 'radio') hint(e.target.closest('.step'), false);
      snapshot();
    };
    form.addEventListener('change', edited);
    form.addEventListener('input', edited);

    // waiting shows that the submission is kept on the phone; a kiosk then clears the form for
    // the next person, since the kept submission no longer needs it.
    waiting = () => {
      say(status.dataset.saved);
      if (form.hidden) return;
      form.hidden = true;
      status.tabIndex = -1;
      status.focus();
      if (kiosk) setTimeout(() => { current = ''; reset(); }, 15000);
    };
    const reset = () => {
      dirty = false;
      say('');
      form.reset();
      form.elements.key.value = mint();
      drafts.removeItem(DRAFT);
      form.hidden = false;
      if (wizard) show(0, true);
    };

    form.addEventListener('submit', (e) => {
      if (wizard) {
        if (step < steps.length - 1) { e.preventDefault(); if (valid(steps[step])) { show(step + 1, true); snapshot(); } return; }
        const bad = steps.findIndex((s) => s.querySelector(':invalid'));
        if (bad >= 0) { e.preventDefault(); show(bad, true); valid(steps[bad]); return; }
      }
      if (!window.fetch) return;
      e.preventDefault();
      const key = form.elements.key.value;
      const box = load(OUTBOX) || [];
      if (!box.some((i) => i.key === key)) {
        box.push({ url: form.action, body: new URLSearchParams(new FormData(form)).toString(), key, at: Date.now() });
        save(OUTBOX, box);
      }
      save(USED, used.concat(key).slice(-20));
      drafts.removeItem(DRAFT);
      current = key;
      say(status.dataset.sending);
      flush();
    });

    const idle = $('#idle');
    if (kiosk && idle) {
      // A kiosk warns after 90 s without a touch, and clears the form 20 s later unless told to stay.
      let warnT = 0, resetT = 0;
      const poke = () => {
        clearTimeout(warnT);
        warnT = setTimeout(() => {
          if (!dirty) return poke();
          idle.hidden = false;
          $('button', idle).focus();
          resetT = setTimeout(() => { idle.hidden = true; reset(); }, 20000);
        }, 90000);
      };
      $('button', idle).addEventListener('click', () => { idle.hidden = true; clearTimeout(resetT); poke(); });
      ['input', 'click', 'keydown', 'touchstart'].forEach((t) => document.addEventListener(t, poke, true));
      poke();
    }
  }

  // The kiosk's thank-you page counts down to a fresh form (a meta refresh does it without script).
  const cd = $('#countdown'), thanks = $('#thanks');
  if (cd && thanks && thanks.dataset.restart) {
    let n = +cd.textContent;
    setInterval(() => { if (--n <= 0) location.replace(thanks.dataset.restart); else cd.textContent = n; }, 1000);
  }

  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/s/sw.js', { scope: '/s/' }).catch(() => {});
  addEventListener('online', flush);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) flush(); });
  flush();
})();
