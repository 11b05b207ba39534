// Starts Swagger UI (served from the project's static files) on the API documentation page.
// The settings come from a JSON script element, so the page needs no inline script.
(function () {
  "use strict";
  var holder = document.getElementById("swagger-ui");
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var token = holder.dataset.csrfToken;

  // Swagger UI's own layout brings a second <main> and a second <h1>; the page already has both, so
  // this layout draws only the errors, the operations and the schemas.
  function pageLayout(system) {
    var React = system.React;
    function CymunedLayout(props) {
      var get = props.getComponent;
      return React.createElement(
        "div",
        { className: "swagger-ui" },
        React.createElement(get("errors", true)),
        React.createElement(get("operations", true)),
        React.createElement(get("Models", true))
      );
    }
    return { components: { CymunedLayout: CymunedLayout } };
  }

  settings.dom_id = "#swagger-ui";
  settings.presets = [window.SwaggerUIBundle.presets.apis];
  settings.plugins = [pageLayout];
  settings.layout = "CymunedLayout";
  if (token) {
    settings.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = token;
      return request;
    };
  }
  window.SwaggerUIBundle(settings);
})();
