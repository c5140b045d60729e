// Keep the reader's place when switching script: carry the #anchor (and the search page's ?q=)
// to the counterpart page.
// The side-by-side page opens where the reader is (the paragraph they came from), else where its
// link points (the section's heading).
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-keep-place]");
  if (link) {
    link.href = link.href.split(/[?#]/)[0] + location.search + location.hash;
  }
  var facing = event.target.closest && event.target.closest("a[data-keep-anchor]");
  if (facing && location.hash) {
    facing.href = facing.href.split("#")[0] + location.hash;
  }
});
// In print the page says where it lives; without the site's base URL only the browser knows.
document.querySelectorAll(".page-address").forEach(function (address) {
  if (!address.textContent) address.textContent = location.href.split("#")[0];
});
