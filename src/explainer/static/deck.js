// Starts a chapter deck (slides.py writes the page): reveal.js and its notes plugin, both vendored in
// _static/vendor/reveal/. Reveal's keyboard map already moves on the arrow keys, Page Up/Down (what a
// presentation clicker sends), Space, and toggles full screen on F. The speaker view (S) loads its plugin
// on first use: a room that never opens it never downloads it, which keeps the chart decks light.
// Classic scripts all (reveal's UMD builds, loaded before this one, set window.Reveal and, on demand,
// window.RevealNotes): Chromium refuses ES modules on a page opened from disk, and decks must run there.
const S = 83;
const NOTES = new URL("../vendor/reveal/notes.js", document.currentScript.src).href;
let notesLoading = null;

function loadNotes() {
  notesLoading = notesLoading || new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = NOTES;
    script.onload = () => resolve(window.RevealNotes);
    script.onerror = () => reject(new Error(`could not load ${NOTES}`));
    document.head.append(script);
  });
  return notesLoading;
}

async function openSpeakerView() {
  if (!deck.hasPlugin("notes")) {
    const Notes = await loadNotes();
    if (!deck.hasPlugin("notes")) await deck.registerPlugin(Notes);
  }
  deck.getPlugin("notes").open();
}

const deck = new window.Reveal(document.querySelector(".reveal"), {
  hash: true,
  // Reveal's own slide number is a link to "#/n", a route rather than an anchor; the count is ours.
  slideNumber: false,
  transition: "none", // a change shows at once: nothing to wait for at the back of the room
  center: false,
  width: 1280,
  height: 800,
  margin: 0.04,
  // Reveal lays out (and keeps displayed) the slides this far from the current one; the mechanism decks
  // hold a stepper per slide, and laying them all out at once was one long task on a slow phone.
  viewDistance: 1,
  mobileViewDistance: 1,
  // At phone width reveal switches to its scroll view. Its draggable progress bar re-measured the whole
  // page on start (53 style passes against 28 without it, measured); the browser's own scrolling and the
  // slide count remain.
  scrollProgress: false,
  keyboard: { [S]: () => { openSpeakerView(); } },
});

// A slide's widgets start, and its charts are drawn, when it is shown: until then the charts show their
// pictures and the widgets their static rendering. figures.js loads plotly.js the first time. A chart
// drawn while its slide was hidden has no size: it is resized when it shows.
// In reveal's scroll view (a phone-width screen) an event may name no slide: the current one is used.
function showSlide(slide = deck.getCurrentSlide()) {
  if (!slide) return;
  window.explainerWidgetHost?.mountIn(slide);
  window.explainerFigures?.draw(slide);
  if (!window.Plotly) return;
  for (const el of slide.querySelectorAll(".explainer-plotly.is-drawn")) window.Plotly.Plots.resize(el);
}

const count = document.querySelector(".deck-count");
function showCount() {
  document.body.dataset.slide = String(deck.getIndices().h + 1);
  if (count) count.textContent = `${deck.getIndices().h + 1} / ${deck.getTotalSlides()}`;
}

deck.on("slidechanged", (event) => {
  showSlide(event.currentSlide);
  showCount();
});

deck.initialize().then(() => {
  document.body.dataset.slides = String(deck.getTotalSlides());
  showCount();
  document.body.classList.add("deck-ready");
  showSlide(deck.getCurrentSlide());
});

window.explainerDeck = deck;
