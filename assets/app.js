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
    startRestTimer: function (started) {
      if (started) {
        window.metricsRestTimer.start();
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

// The rest timer after a saved line: counts down in the browser; its buttons adjust it.
window.metricsRestTimer = (function () {
  var KEY = "metrics.restSeconds";
  var tick = null;
  var hideLater = null;
  var endsAt = 0;
  function seconds() {
    var stored = parseInt(window.localStorage.getItem(KEY), 10);
    return stored >= 15 && stored <= 900 ? stored : 120;
  }
  function element() {
    return document.getElementById("rest-timer");
  }
  function render() {
    var box = element();
    if (!box) {
      stop();
      return;
    }
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var clock = box.querySelector(".rest-timer-clock");
    clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    if (left === 0) {
      clearInterval(tick);
      tick = null;
      box.classList.add("rest-timer-done");
      clock.textContent = "Go!";
      if (navigator.vibrate) {
        navigator.vibrate([200, 100, 200]);
      }
      clearTimeout(hideLater);
      hideLater = setTimeout(stop, 8000);
    }
  }
  function start() {
    var box = element();
    if (!box) {
      return;
    }
    endsAt = Date.now() + seconds() * 1000;
    box.classList.remove("d-none", "rest-timer-done");
    run();
  }
  function run() {
    // A new rest after "Go!" must not be hidden by the old rest's pending hide.
    clearTimeout(hideLater);
    clearInterval(tick);
    tick = setInterval(render, 250);
    render();
  }
  function stop() {
    clearTimeout(hideLater);
    clearInterval(tick);
    tick = null;
    var box = element();
    if (box) {
      box.classList.add("d-none");
    }
  }
  function adjust(delta) {
    var next = Math.min(900, Math.max(15, seconds() + delta));
    window.localStorage.setItem(KEY, String(next));
    endsAt += delta * 1000;
    var box = element();
    if (box && endsAt > Date.now()) {
      box.classList.remove("rest-timer-done");
      run();  // "+15 s" on "Go!" starts counting again
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
  return { start: start, stop: stop };
})();

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
