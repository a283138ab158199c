#include "platform/web/clipboard.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <string>

#include "imgui.h"

namespace {

// The page's `paste` event fires right after the Ctrl+V keydown and before the next frame, so
// the pasted text is waiting when ImGui handles the key. A copy made in the lab is kept too, so
// copy then paste works where the browser fires no paste event.
EM_JS(void, js_listen_for_paste, (), {
  Module.labClipboardText = Module.labClipboardText || "";
  window.addEventListener("paste", function(e) {
    var text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
    if (!text) return;
    Module.labClipboardText = text;
    e.preventDefault();
  }, true);
  // ImGui copies during a frame (after the key); the async clipboard API needs no event then.
  // Older browsers get the copy event path through execCommand.
  window.addEventListener("copy", function(e) {
    if (Module.labCopyPending === undefined) return;
    e.clipboardData.setData("text/plain", Module.labCopyPending);
    Module.labCopyPending = undefined;
    e.preventDefault();
  }, true);
});

EM_JS(void, js_clipboard_write, (const char* text), {
  var s = UTF8ToString(text);
  Module.labClipboardText = s;
  var viaCopyEvent = function() {
    Module.labCopyPending = s;
    try { document.execCommand("copy"); } catch (err) {}
    Module.labCopyPending = undefined;
  };
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(s).catch(viaCopyEvent);
  else
    viaCopyEvent();
});

EM_JS(char*, js_clipboard_read, (), {
  var s = Module.labClipboardText || "";
  var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

std::string g_clipboard;  // keeps the text ImGui reads alive until the next read

const char* get_clipboard(void*) {
  char* text = js_clipboard_read();
  g_clipboard = text;
  std::free(text);
  return g_clipboard.c_str();
}

void set_clipboard(void*, const char* text) { js_clipboard_write(text ? text : ""); }

}  // namespace

namespace lab::web {

void install_browser_clipboard() {
  js_listen_for_paste();
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  io.ClipboardUserData = nullptr;
}

}  // namespace lab::web
