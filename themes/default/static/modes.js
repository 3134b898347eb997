// Keeps the reader's text size or 长者模式 from page to page and from visit
// to visit. The choice is made without JavaScript (four radio buttons at the
// top of <body>, applied by CSS :has()); this script only remembers it, in
// this browser's localStorage, and nothing leaves the browser. It runs right
// after the radio buttons, before the page is painted, so a remembered mode
// shows from the first frame. Without JavaScript, or with storage blocked,
// the switch still works on the page at hand.
(function () {
  var KEY = 'gongshi-display-mode';
  var IDS = ['fs-normal', 'fs-large', 'fs-xlarge', 'elder-mode'];
  try {
    var saved = window.localStorage.getItem(KEY);
    if (saved && IDS.indexOf(saved) >= 0) document.getElementById(saved).checked = true;
  } catch (e) {
    // Storage blocked (private mode, a chat app's browser): keep the default.
  }
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (!t || t.name !== 'mode' || IDS.indexOf(t.id) < 0) return;
    try {
      window.localStorage.setItem(KEY, t.id);
    } catch (err) {
      // Not remembered; the choice still holds on this page.
    }
  });
})();
