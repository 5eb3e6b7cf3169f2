// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Long work shows progress: htmx requests and form submissions light up the progress bar.
  const progress = document.getElementById("app-progress");
  const show = () => progress && progress.classList.add("app-progress--active");
  const hide = () => progress && progress.classList.remove("app-progress--active");
  document.body.addEventListener("htmx:beforeRequest", show);
  document.body.addEventListener("htmx:afterRequest", hide);
  document.querySelectorAll("form[data-progress]").forEach((form) =>
    form.addEventListener("submit", () => {
      show();
      form.setAttribute("aria-busy", "true"); // reading a large Word or PDF file takes a few seconds
    }),
  );
  // Filter forms submit on change (htmx does the swap); the submit button stays for keyboard users.
  document.querySelectorAll("[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // The menu folds behind a "Menu" button on narrow screens (app.css hides the button on wide ones).
  document.querySelectorAll("[data-menu]").forEach((nav) => {
    const toggle = nav.querySelector(".app-nav__toggle");
    if (!toggle || !nav.querySelector(".app-nav__list li")) return;
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("app-nav--open", open);
    };
    nav.classList.add("app-nav--foldable");
    toggle.hidden = false;
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    nav.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && nav.classList.contains("app-nav--open")) {
        setOpen(false);
        toggle.focus();
      }
    });
  });
});
