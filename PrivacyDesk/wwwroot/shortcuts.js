// Keyboard shortcuts of the staff desk. Pages mark their targets with data attributes:
//   [data-shortcut="search"]      the field "/" focuses
//   [data-shortcut-row]           rows "j"/"k" move between (each holds a link that Enter opens)
//   [data-shortcut="assign-me"]   the button "a" clicks;  [data-shortcut="reply"] the field or button "r" goes to
// Keys typed in a field, or with Ctrl/Alt/Meta, are left alone.
(function () {
  let pendingG = false;
  function typing(e) {
    const t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.closest('[role="listbox"],[role="dialog"]:not(#pd-shortcuts)'));
  }
  function rows() { return Array.from(document.querySelectorAll('[data-shortcut-row]')); }
  function moveRow(step) {
    const all = rows();
    if (all.length === 0) return;
    const current = all.findIndex(r => r.classList.contains('pd-row-current'));
    const next = Math.max(0, Math.min(all.length - 1, current < 0 ? 0 : current + step));
    all.forEach(r => r.classList.remove('pd-row-current'));
    const row = all[next];
    row.classList.add('pd-row-current');
    const link = row.querySelector('a[href]');
    (link || row).focus();
    row.scrollIntoView({ block: 'nearest' });
  }
  function activate(selector) {
    const el = document.querySelector(selector);
    if (!el) return false;
    if (/^(INPUT|TEXTAREA)$/.test(el.tagName)) el.focus(); else { const f = el.querySelector('input,textarea'); if (f) f.focus(); else el.click(); }
    return true;
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey || typing(e)) return;
    const help = document.getElementById('pd-shortcuts');
    if (pendingG) {
      pendingG = false;
      if (e.key === 'h') { location.href = document.baseURI; e.preventDefault(); }
      else if (e.key === 'q') { location.href = new URL('requests', document.baseURI); e.preventDefault(); }
      return;
    }
    switch (e.key) {
      case '/': if (activate('[data-shortcut="search"] input, input[data-shortcut="search"]')) e.preventDefault(); break;
      case 'j': moveRow(1); e.preventDefault(); break;
      case 'k': moveRow(-1); e.preventDefault(); break;
      case 'a': if (activate('[data-shortcut="assign-me"]')) e.preventDefault(); break;
      case 'r': if (activate('[data-shortcut="reply"]')) e.preventDefault(); break;
      case 'g': pendingG = true; setTimeout(() => pendingG = false, 1200); break;
      case '?': if (help && !help.open) { help.showModal(); e.preventDefault(); } break;
    }
  });
})();
