// Draw every chart on the page with vega-embed. Vega's expressions are evaluated by the
// vega-interpreter instead of generated code, so the content security policy needs no 'unsafe-eval'.
import { expressionInterpreter } from "../vendor/vega-interpreter/vega-interpreter.js";

for (const container of document.querySelectorAll(".cymuned-chart[data-spec]")) {
  const source = document.getElementById(container.dataset.spec);
  if (!source) continue;
  const spec = JSON.parse(source.textContent);
  window
    .vegaEmbed(container, spec, { ast: true, expr: expressionInterpreter, actions: false, renderer: "svg" })
    .catch((error) => {
      container.textContent = "The chart could not be drawn: " + error;
    });
}
