#include "server/serve_command.hpp"

#include <httplib.h>
#include <malloc.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "server/listen_socket.hpp"
#include "server/serve_app.hpp"

namespace lab {

namespace {
const char* kTooLarge = "the request body is larger than the server's limit (lab serve --max-body BYTES)";

void send(httplib::Response& res, const HttpReply& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_content(r.body, r.content_type.c_str());
}

void install_routes(httplib::Server& http, ServeApp& app) {
  http.Get("/", [&app](const httplib::Request&, httplib::Response& res) { send(res, app.index()); });
  http.Get("/health", [&app](const httplib::Request&, httplib::Response& res) { send(res, app.health()); });
  http.Get("/contract", [&app](const httplib::Request&, httplib::Response& res) { send(res, app.contract()); });
  http.Get("/metrics", [&app](const httplib::Request&, httplib::Response& res) { send(res, app.metrics()); });
  // POST bodies are read through a counting reader: the limit holds for Content-Length, chunked
  // and compressed bodies alike (the library checks only Content-Length itself).
  auto body_route = [&app, max = app.max_body_bytes()](auto handle) {
    return [&app, max, handle](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
      std::string body;
      bool too_big = false;
      bool ok = read([&](const char* data, size_t n) {
        if (body.size() + n > max) return !(too_big = true);
        body.append(data, n);
        return true;
      });
      if (too_big || res.status == 413) return send(res, ServeApp::error(413, kTooLarge));
      if (!ok) return send(res, ServeApp::error(400, "the request body could not be read (cut short, or a broken chunked encoding)"));
      send(res, handle(app, body, req.get_header_value("Content-Type")));
    };
  };
  http.Post("/predict", body_route([](ServeApp& a, const std::string& b, const std::string& t) { return a.predict(b, t); }));
  http.Post("/predict/batch", body_route([](ServeApp& a, const std::string& b, const std::string& t) { return a.batch(b, t); }));
  // Before any body is read: a body-carrying method on another path is answered at once (404/405,
  // nothing read), and a POST without a length would be read until the client closes (411).
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    bool carries_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE" ||
                        req.method == "PRI";
    if (!carries_body) return httplib::Server::HandlerResponse::Unhandled;
    if (req.method != "POST" || (req.path != "/predict" && req.path != "/predict/batch")) {
      send(res, ServeApp::no_route(req.method, req.path));
      return httplib::Server::HandlerResponse::Handled;
    }
    bool chunked = req.get_header_value("Transfer-Encoding") == "chunked";
    if (!req.has_header("Content-Length") && !chunked) {
      send(res, ServeApp::error(411, "send the body with a Content-Length header (or chunked)"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Replies the library makes itself (no route: 404; body over the limit: 413; unreadable
  // request: 400) get a JSON body saying what to do; a known path with the wrong method is a 405.
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 404) return send(res, ServeApp::no_route(req.method, req.path));
    if (!res.body.empty()) return;
    std::string why = res.status == 413   ? kTooLarge
                      : res.status == 400 ? "the request could not be read as HTTP"
                                          : "HTTP error " + std::to_string(res.status);
    send(res, ServeApp::error(res.status, why));
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unexpected error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send(res, ServeApp::error(500, "the server failed on this request: " + what));
  });
  http.set_logger([&app](const httplib::Request& req, const httplib::Response& res) {
    app.record_http(req.path, req.method, res.status);
  });
}
}  // namespace

int serve_command(const std::map<std::string, std::string>& flags) {
  ServeOptions options;
  try {
    options = parse_serve_options(flags);
  } catch (const std::exception& e) {
    std::cerr << "lab serve: " << e.what() << "\n";
    return 2;
  }
  // SIGTERM and SIGINT are taken by one thread (sigwait) instead of a handler, so stopping the
  // server runs as ordinary code; every thread started after this inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up mid-reply must not end the server
  // Request bodies of up to --max-body bytes come and go on many threads. glibc raises its mmap
  // threshold after each large free, so later large bodies land in per-thread arenas and their
  // pages stay resident: under fuzzing RSS kept growing (10 -> 65 MiB in 10 minutes). A fixed
  // threshold returns every large buffer to the system when it is freed.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);

  std::unique_ptr<ServeApp> app;
  try {
    app = std::make_unique<ServeApp>(options);
  } catch (const std::exception& e) {
    std::cerr << "lab serve: " << e.what() << "\n";
    return 2;
  }

  httplib::Server http;
  size_t threads = size_t(options.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout_s, 0);
  http.set_write_timeout(options.write_timeout_s, 0);
  http.set_tcp_nodelay(true);  // replies go out in two writes: without this, Nagle + delayed ACK add 40 ms
  http.set_keep_alive_timeout(2);  // an idle keep-alive client holds a pool thread: not for long
  http.set_keep_alive_max_count(100);  // then the connection closes, so waiting clients get a thread
  install_routes(http, *app);
  ListenSocket listen_socket(http);

  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.host);
  } else if (!http.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port >= 0) listen_socket.widen_backlog();
  if (port < 0) {
    std::cerr << "lab serve: cannot listen on " << options.host << ":" << options.port
              << " (in use, or not an address of this machine); choose another with --port or --host\n";
    return 2;
  }
  nlohmann::json served = app->served();
  std::cout << "lab serve: " << options.model << "@" << options.alias << " (version " << served.value("version", 0)
            << ") listening on http://" << options.host << ":" << port << " with " << threads << " threads\n"
            << "lab serve: request log " << app->request_log_path() << std::endl;

  std::atomic<bool> signalled{false};
  std::thread stopper([&http, &signalled, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    http.stop();  // stops accepting; listen_after_bind returns once in-flight requests finish
  });
  http.listen_after_bind();
  // Ended without a signal (a socket error): wake the waiting thread so it can be joined. A
  // signal sent after it returned stays blocked and pending, which is harmless.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  // In-flight requests have finished; their log lines may still be queued for the writer.
  app->flush_request_log();
  std::cout << "lab serve: stopped after " << app->requests() << " requests; request log " << app->request_log_path()
            << std::endl;
  return signalled ? 0 : 1;
}

}  // namespace lab
