// The lesson page: the module outline opens beside the lesson where there is room (on a phone it
// stays folded above the lesson), and after a post the page focuses the result inside the block
// the trainee acted in, which the address's fragment names, so that it is read out.
(function () {
    "use strict";
    if (window.matchMedia("(min-width: 60em)").matches) {
        document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
            details.open = true;
        });
    }
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var result = target && target.querySelector("[data-lesson-feedback]");
    if (result) {
        // After the load: the browser's own move to the fragment, which clears the focus when
        // its target cannot take it, comes first.
        window.addEventListener("load", function () {
            window.setTimeout(function () {
                result.focus();
            }, 0);
        });
    }
})();
