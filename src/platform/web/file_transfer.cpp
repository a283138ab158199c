#include "platform/web/file_transfer.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <string>


namespace lab::web {
namespace {

EM_JS(int, js_download, (const char* path, const char* filename), {
  var p = UTF8ToString(path), name = UTF8ToString(filename);
  try {
    var bytes = FS.readFile(p);
    var url = URL.createObjectURL(new Blob([bytes], {type: 'application/x-tar'}));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 10000);
    return 1;
  } catch (e) {
    return 0;
  }
});

// The picker's result arrives later; Module.labUploadResult holds the import's reply.
EM_JS(void, js_upload, (), {
  Module.labUploadResult = null;
  var input = document.createElement('input');
  input.type = 'file';
  input.accept = '.tar,application/x-tar';
  input.style.display = 'none';
  input.addEventListener('change', function() {
    var file = input.files && input.files[0];
    input.remove();
    if (!file) { Module.labUploadResult = {ok: false, error: 'no file was chosen.'}; return; }
    file.arrayBuffer().then(function(buf) {
      var path = '/tmp/lab-upload.tar';
      FS.writeFile(path, new Uint8Array(buf));
      Module.labUploadResult = Module.labCommand({cmd: 'store.import', path: path});
      FS.unlink(path);
    }).catch(function(e) { Module.labUploadResult = {ok: false, error: 'the file could not be read (' + e + ').'}; });
  });
  input.addEventListener('cancel', function() { Module.labUploadResult = {ok: false, error: 'no file was chosen.'}; });
  document.body.appendChild(input);
  input.click();
});

EM_JS(char*, js_upload_result, (), {
  var s = Module.labUploadResult ? JSON.stringify(Module.labUploadResult) : '';
  var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

EM_JS(void, js_pick_batch_csv, (), { Module.labPickBatchCsv(); });

}  // namespace

void pick_batch_csv() { js_pick_batch_csv(); }

void register_file_transfer_commands(Dispatcher& d) {
  using nlohmann::json;
  d.add("ui.download", "save a file of the lab's file system to the user's downloads: {path, filename}", [](const json& a) {
    std::string path = a.value("path", ""), name = a.value("filename", "download");
    if (!js_download(path.c_str(), name.c_str())) throw std::invalid_argument("cannot read '" + path + "' to download it");
    return json{{"filename", name}};
  });
  d.add("ui.upload", "open a file picker; the chosen archive is imported (see ui.upload_status)", [](const json&) {
    js_upload();
    return json::object();
  });
  d.add("ui.upload_status", "{done, result} of the last ui.upload", [](const json&) {
    char* raw = js_upload_result();
    std::string s = raw;
    free(raw);
    if (s.empty()) return json{{"done", false}};
    return json{{"done", true}, {"result", json::parse(s)}};
  });
}

}  // namespace lab::web
