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
      return theme;
    },
  },
});
