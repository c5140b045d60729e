// Keep the reader's place when switching script: carry the #anchor to the counterpart page.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-keep-hash]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});
