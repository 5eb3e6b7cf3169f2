// Renders every [data-chart] element with vega-embed from the spec in its <script type="application/json">.
// Without JavaScript the data table next to each chart still shows the figures.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof vegaEmbed === "undefined") return;
  const locale = {
    format: {decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""]},
  };
  document.querySelectorAll("[data-chart]").forEach((element) => {
    const source = document.getElementById(element.dataset.chart);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    vegaEmbed(element, spec, {actions: false, renderer: "svg", formatLocale: locale.format}).then((result) => {
      const svg = element.querySelector("svg");
      if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
    }).catch((error) => { element.textContent = "De grafiek kon niet worden getekend; de tabel hieronder toont de cijfers."; console.error(error); });
  });
});
