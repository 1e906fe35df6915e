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
    purgeGrid: function (_changed, _from, _to, gridId) {
      window.dash_ag_grid.getApiAsync(gridId).then(function (api) {
        api.purgeInfiniteCache();
      });
      return window.dash_clientside.no_update;
    },
  },
});
