export function applyTheme(name) {
  document.body.dataset.theme = name;
  console.log("theme", name); // ok: LOG001 (uses document: browser code)
}
