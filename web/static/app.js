// Progressive enhancement of the search page. Every state lives in the URL
// and the pages work without this script; it only saves clicks.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Words of the suggestion list, in the two interface languages. The
  // server's words are in i18n.go; these few only exist with the script.
  var suggestWords = {
    zh: { list: "搜索建议", count: "%d 条建议，用上下方向键选择", province: "省份", city: "城市",
      county: "区县", sector: "行业", subsector: "细分行业" },
    en: { list: "Suggestions", count: "%d suggestions, use the up and down arrow keys", province: "Province",
      city: "City", county: "County", sector: "Sector", subsector: "Subsector" }
  };

  // wordAt returns the whitespace-delimited word of the input at its caret,
  // with its start and end offsets: what the suggestions complete.
  function wordAt(input) {
    var v = input.value;
    var caret = input.selectionStart == null ? v.length : input.selectionStart;
    var start = caret, end = caret;
    while (start > 0 && !/\s/.test(v.charAt(start - 1))) start--;
    while (end < v.length && !/\s/.test(v.charAt(end))) end++;
    return { start: start, end: end, text: v.slice(start, end) };
  }

  // suggestible reports whether a word is worth completing: not query syntax
  // (-word, "phrase", scope:, OR), one Chinese character or two letters.
  function suggestible(w) {
    if (!w || /^[-"(]|[:")]/.test(w) || /^(OR|AND|NOT)$/.test(w)) return false;
    return /[^\x00-\x7f]/.test(w) || w.length >= 2;
  }

  // setupSuggest makes the search box an ARIA 1.2 combobox whose listbox
  // offers places and sectors from GET /api/suggest for the word being
  // typed. Picking a province, city, sector or subsector adds that filter to
  // the URL and searches; picking a county puts its name into the query.
  function setupSuggest(form, input) {
    if (!window.fetch || !window.AbortController || !window.URLSearchParams) return;
    var ui = document.documentElement.lang === "en" ? "en" : "zh";
    var words = suggestWords[ui];

    // <div class=qbox><input role=combobox><ul role=listbox></div>
    var box = document.createElement("div");
    box.className = "qbox";
    var list = document.createElement("ul");
    list.id = "q-suggest";
    list.className = "suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", words.list);
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "vh";
    status.setAttribute("role", "status");
    var focused = document.activeElement === input;
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(status);
    if (focused) input.focus();

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    var items = [];    // the suggestions shown
    var shownFor = ""; // the word they complete
    var active = -1;   // the index of the highlighted option
    var timer = 0, ctrl = null, seq = 0;
    var cache = {};    // word → suggestions, for this page
    var picked = false; // an Enter picked an option and is not over yet

    function isOpen() { return !list.hidden; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(i) {
      var opts = list.children;
      if (active >= 0 && opts[active]) {
        opts[active].classList.remove("active");
        opts[active].setAttribute("aria-selected", "false");
      }
      active = i;
      if (i < 0 || !opts[i]) {
        active = -1;
        input.removeAttribute("aria-activedescendant");
        return;
      }
      opts[i].classList.add("active");
      opts[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", opts[i].id);
      if (opts[i].scrollIntoView) opts[i].scrollIntoView({ block: "nearest" });
    }

    function show(suggestions, word, first) {
      items = suggestions || [];
      shownFor = word;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      items.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = "q-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.index = String(i);
        var label = document.createElement("span");
        label.className = "label";
        label.textContent = s.label;
        li.appendChild(label);
        if (s.parent) {
          var parent = document.createElement("span");
          parent.className = "parent";
          parent.textContent = s.parent;
          li.appendChild(parent);
        }
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = words[s.kind] || s.kind;
        li.appendChild(kind);
        list.appendChild(li);
      });
      if (!items.length) {
        close();
        status.textContent = "";
        return;
      }
      open();
      status.textContent = words.count.replace("%d", String(items.length));
      if (first) highlight(0);
    }

    // fetchNow asks for the suggestions of the word at the caret; a newer
    // call aborts the request of an older one.
    function fetchNow(first) {
      clearTimeout(timer);
      if (ctrl) ctrl.abort();
      ctrl = null;
      var word = wordAt(input).text;
      if (!suggestible(word)) {
        items = [];
        shownFor = "";
        close();
        return;
      }
      if (Object.prototype.hasOwnProperty.call(cache, word)) {
        show(cache[word], word, first);
        return;
      }
      var mine = ++seq;
      var c = new AbortController();
      ctrl = c;
      var params = new URLSearchParams({ q: word, ui: ui, n: "8" });
      fetch("/api/suggest?" + params.toString(), { signal: c.signal, headers: { Accept: "application/json" } })
        .then(function (r) {
          if (!r.ok) throw new Error("suggest: status " + r.status);
          return r.json();
        })
        .then(function (a) {
          var got = (a && a.suggestions) || [];
          cache[word] = got;
          if (mine === seq && document.activeElement === input) show(got, word, first);
        })
        .catch(function () {
          // Aborted by newer typing, or failed: the box works without.
          if (mine === seq) close();
        })
        .then(function () { if (ctrl === c) ctrl = null; });
    }

    // schedule waits for a pause in typing before asking.
    function schedule() {
      clearTimeout(timer);
      if (ctrl) ctrl.abort();
      seq++;
      timer = setTimeout(function () { fetchNow(false); }, 150);
    }

    // pick applies suggestion i: a filter goes into the URL, which is then
    // loaded; a county's name replaces the word in the box.
    function pick(i) {
      var s = items[i];
      if (!s) return;
      var w = wordAt(input);
      var before = input.value.slice(0, w.start), after = input.value.slice(w.end);
      close();
      if (s.param === "q") {
        if (!/^\s/.test(after)) after = " " + after;
        input.value = before + s.apply + after;
        var caret = before.length + s.apply.length + 1;
        input.setSelectionRange(caret, caret);
        items = [];
        shownFor = "";
        return;
      }
      var params = new URLSearchParams(new FormData(form));
      params.set("q", (before + after).replace(/\s+/g, " ").trim());
      params.delete("page");
      params.delete("cursor");
      if (params.getAll(s.param).indexOf(s.apply) < 0) params.append(s.param, s.apply);
      var out = new URLSearchParams();
      params.forEach(function (v, k) { if (v !== "") out.append(k, v); });
      location.assign((form.getAttribute("action") || "/") + "?" + out.toString());
    }

    input.addEventListener("input", function (e) {
      if (e.isComposing) return; // wait for the IME to finish the word
      schedule();
    });
    input.addEventListener("compositionend", schedule);

    input.addEventListener("keydown", function (e) {
      if (e.isComposing || e.keyCode === 229) return;
      switch (e.key) {
      case "ArrowDown":
      case "Down":
        e.preventDefault();
        if (isOpen()) highlight(active + 1 < items.length ? active + 1 : 0);
        else if (items.length && shownFor === wordAt(input).text) { open(); if (!e.altKey) highlight(0); }
        else fetchNow(!e.altKey);
        break;
      case "ArrowUp":
      case "Up":
        if (!isOpen()) break;
        e.preventDefault();
        highlight(active > 0 ? active - 1 : items.length - 1);
        break;
      case "Enter":
        if (isOpen() && active >= 0) {
          e.preventDefault();
          picked = true;
          pick(active);
        } else {
          close();
        }
        break;
      case "Escape":
      case "Esc":
        if (isOpen()) {
          e.preventDefault(); // keep the text: only the list closes
          close();
        }
        break;
      case "Tab":
        close();
        break;
      }
    });

    // The Enter that picked an option must not also submit the form, even
    // where a keypress follows a cancelled keydown.
    input.addEventListener("keypress", function (e) {
      if (picked && (e.key === "Enter" || e.keyCode === 13)) e.preventDefault();
    });
    input.addEventListener("keyup", function () { picked = false; });

    input.addEventListener("blur", close);
    input.addEventListener("click", function () { if (isOpen() && shownFor !== wordAt(input).text) close(); });

    // The pointer: pressing an option keeps the focus in the box.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var li = e.target.closest && e.target.closest("[role=option]");
      if (li) pick(Number(li.dataset.index));
    });
    list.addEventListener("mousemove", function (e) {
      var li = e.target.closest && e.target.closest("[role=option]");
      if (li && Number(li.dataset.index) !== active) highlight(Number(li.dataset.index));
    });

    // A page restored by back/forward shows its own query, as its URL
    // says, and no stale list.
    window.addEventListener("pageshow", function (e) {
      if (e.persisted) input.value = input.defaultValue;
      close();
    });
    form.addEventListener("submit", close);
  }

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    // A new sort applies at once.
    var sort = document.getElementById("sort");
    if (sort && sort.form) {
      sort.addEventListener("change", function () {
        if (sort.form.requestSubmit) sort.form.requestSubmit();
        else sort.form.submit();
      });
    }

    // Empty fields stay out of the URL, and the query goes without the
    // spaces around it (a picked county leaves one behind).
    document.querySelectorAll("form[action='/']").forEach(function (form) {
      form.addEventListener("submit", function () {
        Array.prototype.forEach.call(form.elements, function (el) {
          if (el.name === "q") el.value = el.value.trim();
          if (el.name && el.name !== "q" && el.value === "" && !el.disabled) el.disabled = true;
        });
        // Re-enable after the navigation starts, so back/forward cache keeps a usable form.
        setTimeout(function () {
          Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
        }, 0);
      });
    });

    // On a phone the filters start folded so the results come first.
    var filters = document.querySelector("details.filters");
    if (filters && window.matchMedia && window.matchMedia("(max-width: 800px)").matches) {
      filters.open = false;
    }

    // "/" focuses the search box, as on many search sites.
    var q = document.getElementById("q");
    if (q && q.form) setupSuggest(q.form, q);
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || !q) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      q.focus();
      q.select();
    });
  });
})();
