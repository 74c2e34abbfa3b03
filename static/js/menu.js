// The header's menu button. On a narrow screen the navigation, the search and the account links
// fold behind it; the stylesheet decides the width. Without this script the button stays hidden
// and the menu stays open, so every link can still be reached.
(function () {
    "use strict";

    function setUp(button) {
        var menu = document.getElementById(button.getAttribute("aria-controls"));
        var header = button.closest(".site-header");
        if (!menu || !header) {
            return;
        }
        function isOpen() {
            return button.getAttribute("aria-expanded") === "true";
        }
        function setOpen(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
        }
        setOpen(false);
        header.classList.add("site-header--collapsible");
        button.hidden = false;
        button.addEventListener("click", function () {
            setOpen(!isOpen());
        });
        // Escape closes the open menu and gives the focus back to the button (only while the
        // button is shown: on a wide screen the menu is always open).
        header.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && isOpen() && button.offsetParent !== null) {
                setOpen(false);
                button.focus();
            }
        });
    }

    document.querySelectorAll(".menu-toggle[aria-controls]").forEach(setUp);
})();
