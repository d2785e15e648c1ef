// What every calculator page shares: its inputs in the page address, and its error marking.

// The `&`-separated key=value parts of an address that starts with `prefix`, or null when it does not.
// Values come back exactly as the link spells them: the math validates them like typed text.
export function hashParts(hash, prefix) {
  if (!hash.startsWith(prefix)) return null;
  const parts = [];
  for (const raw of hash.slice(prefix.length).split("&")) {
    const eq = raw.indexOf("=");
    if (eq < 0) continue;
    let text = raw.slice(eq + 1);
    try {
      text = decodeURIComponent(text);
    } catch {
      // a malformed escape stays as typed, and the math reports it
    }
    parts.push([raw.slice(0, eq), text]);
  }
  return parts;
}

// The page address following the model's inputs. It is rewritten once typing pauses: browsers
// throttle a page that rewrites its address on every keystroke, and the update that shows the result
// need not wait for it. An address the page wrote itself is not read back.
export function pageAddress(model, values, encode, decode) {
  let ownHash = null;
  let hashTimer = null;
  return {
    write() {
      clearTimeout(hashTimer);
      hashTimer = setTimeout(() => {
        ownHash = encode(values());
        if (location.hash !== ownHash) history.replaceState(history.state, "", ownHash);
      }, 150);
    },
    // True when the address held inputs, now in the model.
    read() {
      if (location.hash === ownHash) return false;
      const restored = decode(location.hash);
      if (!restored) return false;
      Object.entries(restored).forEach(([k, v]) => model.set(k, v));
      return true;
    },
    stop() {
      clearTimeout(hashTimer);
    },
  };
}

// Shows the math's error beside the control it is about: `places` maps an error's field to
// { slot, targets }, the message's element and the controls marked invalid and described by it.
// Only when the problem changed: an update without one then touches no control's attributes.
// `forget()` after controls are rebuilt, so the next error is marked on the new ones.
export function errorMarker(places) {
  let marked = null;
  const forget = () => {
    marked = null;
  };
  return { mark, forget };
  function mark(error) {
    const key = error ? `${error.field}\n${error.message}` : "";
    if (key === marked) return;
    marked = key;
    for (const { slot, targets } of places.values()) {
      slot.hidden = true;
      slot.textContent = "";
      targets.forEach((t) => {
        t.removeAttribute("aria-invalid");
        const ids = (t.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== slot.id);
        if (ids.length) t.setAttribute("aria-describedby", ids.join(" "));
        else t.removeAttribute("aria-describedby");
      });
    }
    const place = error && places.get(error.field);
    if (!place) return;
    place.slot.textContent = error.message;
    place.slot.hidden = false;
    place.targets.forEach((t) => {
      t.setAttribute("aria-invalid", "true");
      const ids = (t.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      t.setAttribute("aria-describedby", [...ids, place.slot.id].join(" "));
    });
  }
}
