// Reports take a few seconds: fetch them, say so in a live region, then hand the file to the browser.
// Without JavaScript the forms are plain GET downloads.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-report-download]").forEach((form) => {
    const status = form.querySelector("[data-report-status]");
    const button = form.querySelector("button[type=submit]");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const url = new URL(form.action, window.location.href);
      new FormData(form).forEach((value, key) => url.searchParams.set(key, value));
      const progress = document.getElementById("app-progress");
      button.disabled = true;
      progress && progress.classList.add("app-progress--active");
      status.textContent = status.dataset.busy;
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        const match = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = match ? match[1] : "rapport";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
        status.textContent = status.dataset.done;
      } catch (error) {
        status.textContent = status.dataset.failed;
      } finally {
        button.disabled = false;
        progress && progress.classList.remove("app-progress--active");
      }
    });
  });
});
