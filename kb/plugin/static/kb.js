/* Copy buttons: <button class="kb-copy" data-copy="text"> puts the text on the
   clipboard. navigator.clipboard exists only on https and localhost, so a
   shared instance served over plain http falls back to a hidden textarea. */
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("button.kb-copy") : null;
  if (!button) {
    return;
  }
  var text = button.getAttribute("data-copy");
  // The label to restore is kept on the button, so a second click before
  // the first "Copied" fades does not make "Copied" the label for good.
  var label = button.getAttribute("data-label") || button.textContent;
  button.setAttribute("data-label", label);
  var done = function () {
    button.textContent = "Copied";
    setTimeout(function () { button.textContent = label; }, 1500);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { copyWithTextarea(text) && done(); });
  } else if (copyWithTextarea(text)) {
    done();
  }
});

function copyWithTextarea(text) {
  var area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  var copied = false;
  try {
    copied = document.execCommand("copy");
  } catch (error) {
    copied = false;
  }
  document.body.removeChild(area);
  return copied;
}
