// Renders every [data-chart] element with vega-embed from the spec in its <script type="application/json">.
// Without JavaScript the data table next to each chart still shows the figures.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof vegaEmbed === "undefined") return;
  const locale = {
    format: {decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""]},
  };
  const draw = (element) => {
    const source = document.getElementById(element.dataset.chart);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    // ast + interpreter: no Function()/eval, so the Content-Security-Policy needs no 'unsafe-eval';
    // defaultStyle false: vega-embed injects no <style> element (no 'unsafe-inline' for styles).
    // tooltip false: vega-tooltip would inject a <style> element too; the data table carries the values.
    const options = {actions: false, renderer: "svg", formatLocale: locale.format, defaultStyle: false, tooltip: false};
    if (typeof vegaInterpreter !== "undefined") {
      options.ast = true;
      options.expr = vegaInterpreter.expressionInterpreter;
    }
    vegaEmbed(element, spec, options).then(() => {
      const svg = element.querySelector("svg");
      if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
    }).catch((error) => { element.textContent = "De grafiek kon niet worden getekend; de tabel hieronder toont de cijfers."; console.error(error); });
  };
  document.querySelectorAll("[data-chart]").forEach((element) => {
    // A chart in a folded section has no width yet ("container"): draw it when the section opens.
    const folded = element.closest("details:not([open])");
    if (!folded) { draw(element); return; }
    const open = () => { if (folded.open) { folded.removeEventListener("toggle", open); draw(element); } };
    folded.addEventListener("toggle", open);
  });
});
