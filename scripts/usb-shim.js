// The USB edition's stand-in for the files the hosted page loads by URL (scripts/usb-edition.mjs
// puts this script in the page). A page opened from disk may not fetch() a local file nor start a
// worker from one; here both are answered from the files the page carries (base64, by file name):
// - fetch() of a carried name answers with its bytes (the app's wasm, its sections, the pinyin
//   table); any other request goes to the browser's own fetch;
// - new Worker() of a carried worker script starts that script from a blob: URL, with the scripts
//   it imports and the files it fetches carried inside it and this same stand-in in front.
// Function.toString() copies this function into the worker, so it uses nothing from outside it.
function installUsbFiles(files, workers, imported) {
  var own = function (name) {
    return name !== null && Object.prototype.hasOwnProperty.call(files, name);
  };
  // The last segment of a URL's path: the carried files all sit beside the page.
  var nameOf = function (url) {
    try {
      var path = new URL(String(url), self.location.href).pathname;
      return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    } catch (e) {
      return null;
    }
  };
  var bytes = function (name) {
    var chars = atob(files[name]);
    var out = new Uint8Array(chars.length);
    for (var i = 0; i < chars.length; i++) out[i] = chars.charCodeAt(i);
    return out;
  };
  var text = function (name) {
    return new TextDecoder().decode(bytes(name));
  };
  var typeOf = function (name) {
    if (/\.wasm$/.test(name)) return 'application/wasm';
    if (/\.js$/.test(name)) return 'text/javascript';
    return 'application/octet-stream';
  };

  var browserFetch = self.fetch;
  self.fetch = function (input, init) {
    var name = nameOf(input && typeof input === 'object' && 'url' in input ? input.url : input);
    if (!own(name)) return browserFetch.apply(self, arguments);
    return Promise.resolve(new Response(bytes(name), { status: 200, headers: { 'Content-Type': typeOf(name) } }));
  };

  // In a worker: the scripts already put in front of its own are not imported again.
  if (imported && typeof self.importScripts === 'function') {
    var browserImport = self.importScripts;
    self.importScripts = function () {
      var rest = Array.prototype.filter.call(arguments, function (url) {
        return imported.indexOf(nameOf(url)) < 0;
      });
      if (rest.length) browserImport.apply(self, rest);
    };
  }

  if (workers && typeof self.Worker === 'function') {
    var BrowserWorker = self.Worker;
    var started = {};
    var scriptOf = function (name) {
      var worker = workers[name];
      var carried = {};
      worker.files.forEach(function (f) {
        carried[f] = files[f];
      });
      var parts = [installUsbFiles.toString(), '\ninstallUsbFiles(' + JSON.stringify(carried) + ', null, ' +
        JSON.stringify(worker.scripts) + ');\n'];
      worker.scripts.concat([name]).forEach(function (s) {
        parts.push(text(s), '\n');
      });
      return URL.createObjectURL(new Blob(parts, { type: 'text/javascript' }));
    };
    self.Worker = class extends BrowserWorker {
      constructor(url, options) {
        var name = nameOf(url);
        if (name !== null && Object.prototype.hasOwnProperty.call(workers, name)) {
          url = started[name] || (started[name] = scriptOf(name));
        }
        super(url, options);
      }
    };
  }
  return { bytes: bytes };
}
