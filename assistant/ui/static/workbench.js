// The workbench page script: markers, sources and table rows open the source viewer,
// copy, feedback and the question counter. Requests go to Python through the hidden
// textbox #wb-bridge (a JSON action per change), so they pass Gradio's session and login.
(function () {
  if (window.__wbReady) return;
  window.__wbReady = true;

  function bridge(action) {
    var box = document.querySelector("#wb-bridge textarea, #wb-bridge input");
    if (!box) return;
    action.t = Date.now() + Math.random();
    box.value = JSON.stringify(action);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  window.wbBridge = bridge;

  function openViewer() {
    document.body.classList.add("wb-viewer-open");
  }
  function closeViewer() {
    document.body.classList.remove("wb-viewer-open");
  }
  window.wbCloseViewer = closeViewer;

  function copyText(text, button) {
    function done() {
      var old = button.textContent;
      button.textContent = "已复制";
      setTimeout(function () { button.textContent = old; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(); });
    } else {
      fallback();
    }
    function fallback() {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.style.position = "fixed";
      ta.style.opacity = "0";
      document.body.appendChild(ta);
      ta.select();
      try { document.execCommand("copy"); } catch (e) {}
      document.body.removeChild(ta);
      done();
    }
  }

  function act(el, ev) {
    var kind = el.getAttribute("data-wb");
    var d = el.dataset;
    if (ev) ev.preventDefault();
    if (kind === "cite") {
      openViewer();
      bridge({ a: "cite", m: +d.m, n: +d.n });
    } else if (kind === "task") {
      openViewer();
      bridge({ a: "task", doc: d.doc, no: d.no });
    } else if (kind === "doc") {
      closeViewerOnMobile();
      bridge({ a: "doc", doc: d.doc, anchor: d.anchor || "" });
    } else if (kind === "close") {
      closeViewer();
    } else if (kind === "copy") {
      var msg = el.closest(".wb-msg");
      var plain = msg && msg.querySelector("textarea.wb-plain");
      if (plain) copyText(plain.value, el);
    } else if (kind === "fb") {
      bridge({ a: "fb", m: +d.m, r: d.r });
    } else if (kind === "fb-send") {
      var form = el.closest(".wb-fb-form");
      var ta = form && form.querySelector("textarea");
      bridge({ a: "fbc", m: +d.m, c: ta ? ta.value : "" });
    }
  }

  function closeViewerOnMobile() {
    if (window.matchMedia("(max-width: 768px)").matches) closeViewer();
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-wb]");
    if (!el) return;
    // A link inside a clickable row acts for itself only.
    act(el, ev);
    ev.stopPropagation();
  }, true);

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closeViewer(); return; }
    if (ev.key !== "Enter" && ev.key !== " ") return;
    var el = ev.target;
    if (el && el.matches && el.matches("tr[data-wb]")) act(el, ev);
  });

  document.addEventListener("input", function (ev) {
    var t = ev.target;
    if (t.closest && t.closest("#question")) {
      var counter = document.querySelector("#q-counter");
      if (counter) {
        var max = +(counter.getAttribute("data-max") || 500);
        counter.textContent = t.value.length + "/" + max;
        counter.classList.toggle("wb-full", t.value.length >= max);
      }
    } else if (t.matches && t.matches(".wb-fb-form textarea")) {
      var c = t.closest(".wb-fb-form").querySelector(".wb-count");
      if (c) c.textContent = t.value.length + "/2000";
    }
  }, true);

  // Called after an answer arrives: show the start of the newest answer, not its end.
  window.wbShowLatestAnswer = function () {
    var answers = document.querySelectorAll("#chat .wb-msg.wb-bot");
    var last = answers[answers.length - 1];
    var box = document.querySelector("#chat .wb-conv");
    if (!last || !box) return;
    if (box.scrollHeight > box.clientHeight + 4) {
      box.scrollTop = last.offsetTop - box.offsetTop - 8;
    }
    var top = last.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) {
      window.scrollBy({ top: top - 12, behavior: "instant" });
    }
  };
  window.wbResetCounter = function () {
    var counter = document.querySelector("#q-counter");
    if (counter) counter.textContent = "0/" + (counter.getAttribute("data-max") || 500);
  };

  // Called after the viewer is filled: bring the highlighted span into view inside it.
  window.wbShowCited = function () {
    var text = document.querySelector("#wb-v-text");
    var mark = document.querySelector("#wb-cited");
    if (!text || !mark) return;
    text.scrollTop = Math.max(0, mark.offsetTop - text.offsetTop - 40);
  };

  // Called after a document is shown: scroll to its anchor (or the page's #hash).
  window.wbShowAnchor = function (anchor) {
    var id = anchor || decodeURIComponent((location.hash || "").slice(1));
    var target = id ? document.getElementById(id) : document.querySelector("#doc-view");
    if (!target) return;
    document.querySelectorAll(".wb-docview .wb-target").forEach(function (e) {
      e.classList.remove("wb-target");
    });
    if (id) target.classList.add("wb-target");
    target.scrollIntoView({ block: "start" });
  };
})();
