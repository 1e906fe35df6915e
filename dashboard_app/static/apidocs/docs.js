// The API's browsable docs: Swagger UI on the document named by the page (no inline script,
// so the app's Content-Security-Policy holds here too).
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.getAttribute("data-url"),
    domNode: root,
    deepLinking: true,
    persistAuthorization: false,
  });
});
