// Clientside callbacks: they run in the browser with no server round trip.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  metrics: {
    toggleNavbar: function (nClicks, isOpen) {
      return nClicks ? !isOpen : isOpen;
    },
    applyTheme: function (dark) {
      var theme = dark ? "dark" : "light";
      document.documentElement.setAttribute("data-bs-theme", theme);
      document.cookie = "theme=" + theme + "; path=/; max-age=31536000; SameSite=Lax";
      document.documentElement.setAttribute("data-ag-theme-mode", theme);
      return theme;
    },
    browserTimezone: function () {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    },
    localToday: function (_id, current) {
      if (current) {
        return current;
      }
      var now = new Date();
      var local = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
      return local.toISOString().slice(0, 10);
    },
    sleepDuration: function (start, end) {
      if (!start || !end) {
        return "";
      }
      var minutes = Math.round((new Date(end) - new Date(start)) / 60000);
      if (isNaN(minutes)) {
        return "";
      }
      if (minutes <= 0) {
        return "Waking up must come after falling asleep.";
      }
      var text = Math.floor(minutes / 60) + " h " + (minutes % 60) + " min of sleep";
      return minutes > 24 * 60 ? text + " (more than 24 h?)" : text;
    },
    sessionNow: function () {
      // Arguments: the button clicks (one or two), then the date, start and end values.
      var args = Array.prototype.slice.call(arguments);
      var end = args.pop(), start = args.pop(), day = args.pop();
      var now = new Date();
      var local = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString();
      var clock = local.slice(11, 16);
      var triggered = window.dash_clientside.callback_context.triggered[0] || {};
      var finishing = (triggered.prop_id || "").indexOf("finish") !== -1;
      return [
        day || local.slice(0, 10),
        finishing ? start || clock : clock,
        finishing ? clock : end,
      ];
    },
    restAfterSet: function (state) {
      // A set just logged carries the rest that follows it (0 inside a superset's round).
      if (state && state.logged && state.rest && state.at) {
        window.metricsRestTimer.start(state.rest, state.at);
      }
      return window.dash_clientside.no_update;
    },
    toggleDashboardEdit: function (nClicks, breakpoint) {
      // Edit mode shows the controls (CSS keys on "editing"). The grid takes drags and resizes
      // only while it shows its 12 columns (its "lg" breakpoint, the layout that is stored);
      // narrower, it is one column and the arrows move widgets instead.
      var editing = (nClicks || 0) % 2 === 1;
      var wide = breakpoint === "lg";
      return [
        "dashboard" + (editing ? " editing" : "") + (wide ? " wide" : ""),
        editing && wide,
        editing && wide,
        editing ? "Done" : "Customize",
      ];
    },
    purgeGrid: function (_changed, _from, _to, gridId) {
      window.dash_ag_grid.getApiAsync(gridId).then(function (api) {
        api.purgeInfiniteCache();
      });
      return window.dash_clientside.no_update;
    },
  },
});

// The rest timer after a logged set. It counts to a moment on the clock (kept in
// localStorage), not in ticks, so it stays right while the phone sleeps or the tab is in the
// background, and after a reload; at zero it vibrates and beeps where the browser allows.
window.metricsRestTimer = (function () {
  var KEY = "metrics.restEndsAt";
  var tick = null;
  var hideLater = null;
  var endsAt = parseInt(window.localStorage.getItem(KEY), 10) || 0;
  var audio = null;
  function element() {
    return document.getElementById("rest-timer");
  }
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.6);
    } catch (error) {
      // no sound where the browser allows none; the clock and vibration still say it
    }
  }
  function render() {
    var box = element();
    if (!box) {
      pause();
      return;
    }
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var clock = box.querySelector(".rest-timer-clock");
    clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left === 0) {
      clearInterval(tick);
      tick = null;
      window.localStorage.removeItem(KEY);
      if (!box.classList.contains("rest-timer-done")) {
        box.classList.add("rest-timer-done");
        if (navigator.vibrate) {
          navigator.vibrate([200, 100, 200]);
        }
        beep();
      }
      clock.textContent = "Go!";
      clearTimeout(hideLater);
      hideLater = setTimeout(stop, 8000);
    }
  }
  function start(seconds, loggedAt) {
    var box = element();
    var from = loggedAt ? Math.min(Date.now(), loggedAt * 1000) : Date.now();
    endsAt = from + seconds * 1000;
    window.localStorage.setItem(KEY, String(endsAt));
    if (box) {
      box.classList.remove("d-none", "rest-timer-done");
      run();
    }
  }
  function run() {
    // A new rest after "Go!" must not be hidden by the old rest's pending hide.
    clearTimeout(hideLater);
    clearInterval(tick);
    tick = setInterval(render, 250);
    render();
  }
  function pause() {
    clearInterval(tick);
    tick = null;
  }
  function stop() {
    clearTimeout(hideLater);
    pause();
    endsAt = 0;
    window.localStorage.removeItem(KEY);
    var box = element();
    if (box) {
      box.classList.add("d-none");
    }
  }
  function resume() {
    // Back on the page (or a new page of the app): carry on if a rest is still running.
    var box = element();
    if (box && endsAt > Date.now()) {
      box.classList.remove("d-none", "rest-timer-done");
      run();
    } else if (box && endsAt) {
      render();
    }
  }
  function adjust(delta) {
    endsAt = Math.max(Date.now(), endsAt) + delta * 1000;
    window.localStorage.setItem(KEY, String(endsAt));
    var box = element();
    if (box && endsAt > Date.now()) {
      box.classList.remove("rest-timer-done");
      run(); // "+15 s" on "Go!" starts counting again
    } else {
      render();
    }
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-rest]");
    if (!button) {
      return;
    }
    var action = button.getAttribute("data-rest");
    if (action === "stop") {
      stop();
    } else {
      adjust(parseInt(action, 10));
    }
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      resume();
    }
  });
  new MutationObserver(function () {
    if (!tick && endsAt > Date.now() && element()) {
      resume();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  return { start: start, stop: stop };
})();

// A set's number opens its details (warm-up, note, delete); Bootstrap's JS is not loaded.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".set-number[aria-controls]");
  if (!button) {
    return;
  }
  var panel = document.getElementById(button.getAttribute("aria-controls"));
  if (panel) {
    var open = panel.classList.toggle("show");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
});

// The plate calculator follows the load being typed in a barbell block.
document.addEventListener("input", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches(".set-load input")) {
    return;
  }
  var cell = input.closest(".set-load");
  var block = input.closest(".session-block");
  var calc = block && block.querySelector(".plate-calc");
  if (!cell || !calc) {
    return;
  }
  var load = parseFloat(input.value);
  var bar = parseFloat(calc.getAttribute("data-bar"));
  var unit = calc.getAttribute("data-unit");
  var plates = calc.getAttribute("data-plates").split(",").map(parseFloat);
  plates.sort(function (a, b) { return b - a; });
  if (isNaN(load)) {
    return;
  }
  var side = (load - bar) / 2;
  if (side <= 0.0001) {
    calc.textContent = "The bar alone (" + bar + " " + unit + ")";
    return;
  }
  var chosen = [];
  plates.forEach(function (plate) {
    while (side + 1e-6 >= plate) {
      chosen.push(plate);
      side -= plate;
    }
  });
  var text = "Each side: " + chosen.map(function (p) { return +p.toFixed(2); }).join(" + ");
  text += " " + unit + " (" + +bar.toFixed(2) + " " + unit + " bar)";
  if (side > 0.01) {
    text += "; " + +(2 * side).toFixed(2) + " " + unit + " short of it";
  }
  calc.textContent = text;
});

// Dash 4's dropdown names its trigger button by its own value (aria-labelledby), which hides
// the form's <label for=...> from screen readers; put the label first in that name.
(function () {
  function nameByLabel(root) {
    root.querySelectorAll("button.dash-dropdown[id]").forEach(function (button) {
      var label = document.querySelector('label[for="' + button.id + '"]');
      var by = button.getAttribute("aria-labelledby") || "";
      if (!label || (label.id && by.split(" ").indexOf(label.id) === 0)) {
        return;
      }
      label.id = label.id || button.id + "-label";
      button.setAttribute("aria-labelledby", (label.id + " " + by).trim());
    });
  }
  new MutationObserver(function () {
    nameByLabel(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
