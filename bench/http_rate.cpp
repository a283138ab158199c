// Open-loop load at a fixed rate for bench/http_serving.sh, in C++ (what wrk2's -R does; Debian
// has only wrk). Request i is due at start + i/rate and goes out then on the first idle keep-alive
// connection, whether or not earlier ones were answered; when every connection is busy it waits in
// a first-in-first-out queue, so a slow server faces a queue instead of a lower rate (no
// coordinated omission). Two latencies per request: from the moment it was written (what wrk
// reports) and from the moment it was due (also charges the queue and this generator's lateness).
// Why not Node (bench/http_rate.mjs, kept for comparison): its timers tick per millisecond and its
// HTTP client and garbage collector put several milliseconds into the measured tail by themselves.
// One thread, epoll, a timerfd armed for the next due time.
// Usage: lab_http_rate HOST:PORT BODY_FILE RATE SECONDS [CONNECTIONS]  -> one JSON line like http_rate.mjs
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

double now_ms() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Connection {
  int fd = -1;
  long request = -1;  // the request in flight, or -1 when idle
  double sent_at = 0;
  std::string in;     // bytes of the reply read so far
};

struct Load {
  sockaddr_in address{};
  std::string request_text;
  double rate = 1000, seconds = 10;
  std::vector<Connection> connections;
  std::vector<double> from_sent, from_due;
  std::deque<long> queue;  // due requests waiting for an idle connection
  long total = 0, issued = 0, done = 0, errors = 0, non_2xx = 0, reconnects = 0;
  double start = 0;
  double slowest_connect_ms = 0;  // a connect is blocking: its time stalls the generator too
  int epoll = -1;

  double due(long i) const { return start + double(i) * 1000.0 / rate; }

  void open(Connection& c) {
    c.fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const double t0 = now_ms();
    if (connect(c.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      std::perror("connect");
      std::exit(2);
    }
    slowest_connect_ms = std::max(slowest_connect_ms, now_ms() - t0);
    fcntl(c.fd, F_SETFL, fcntl(c.fd, F_GETFL) | O_NONBLOCK);
    epoll_event e{};
    e.events = EPOLLIN;
    e.data.ptr = &c;
    epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &e);
    c.in.clear();
  }

  void reopen(Connection& c) {
    epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
    close(c.fd);
    ++reconnects;
    open(c);
  }

  void send(Connection& c, long i) {
    c.request = i;
    c.sent_at = now_ms();
    const char* p = request_text.data();
    size_t left = request_text.size();
    while (left > 0) {  // a few hundred bytes: the socket buffer takes them at once
      ssize_t n = write(c.fd, p, left);
      if (n < 0 && errno == EAGAIN) continue;
      if (n <= 0) { fail(c); return; }
      p += n;
      left -= size_t(n);
    }
  }

  void record(long i, double sent_at, double t) {
    from_sent[size_t(i)] = t - sent_at;
    from_due[size_t(i)] = t - due(i);
    ++done;
  }

  void fail(Connection& c) {
    from_sent[size_t(c.request)] = from_due[size_t(c.request)] = NAN;
    ++errors;
    ++done;
    c.request = -1;
    reopen(c);
  }

  // Round robin over the idle connections (as a fifo agent does), so none sits idle long enough
  // for the server's keep-alive timeout to close it under a request.
  void dispatch() {
    for (size_t k = 0; k < connections.size() && !queue.empty(); ++k) {
      Connection& c = connections[next_connection];
      next_connection = (next_connection + 1) % connections.size();
      if (c.request >= 0) continue;
      long i = queue.front();
      queue.pop_front();
      send(c, i);
    }
  }
  size_t next_connection = 0;

  // A whole reply in c.in: headers, then Content-Length bytes. Returns false while incomplete.
  bool reply_complete(const Connection& c, bool& close_after, int& status, size_t& length) const {
    size_t end = c.in.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    std::string head = c.in.substr(0, end);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    status = std::atoi(head.c_str() + 9);
    size_t body = 0;
    if (size_t at = head.find("content-length:"); at != std::string::npos) body = std::strtoul(head.c_str() + at + 15, nullptr, 10);
    close_after = head.find("connection: close") != std::string::npos;
    length = end + 4 + body;
    return c.in.size() >= length;
  }

  void readable(Connection& c) {
    char buffer[16384];
    bool closed = false;  // by the server (after "Connection: close") or an error
    for (;;) {
      ssize_t n = read(c.fd, buffer, sizeof buffer);
      if (n > 0) { c.in.append(buffer, size_t(n)); continue; }
      closed = !(n < 0 && errno == EAGAIN);
      break;
    }
    bool close_after = false;  // the reply said "Connection: close"
    int status = 0;
    size_t length = 0;
    if (c.request >= 0 && reply_complete(c, close_after, status, length)) {
      record(c.request, c.sent_at, now_ms());
      if (status < 200 || status > 299) ++non_2xx;
      c.request = -1;
      c.in.erase(0, length);
      if (close_after || closed) reopen(c);
    } else if (closed) {
      if (c.request >= 0) fail(c);  // closed with a request unanswered
      else reopen(c);
    }
  }
};

std::string read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

double percentile(std::vector<double> xs, double p) {
  xs.erase(std::remove_if(xs.begin(), xs.end(), [](double v) { return !std::isfinite(v); }), xs.end());
  if (xs.empty()) return NAN;
  std::sort(xs.begin(), xs.end());
  return xs[std::min(xs.size() - 1, size_t(p / 100 * double(xs.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s HOST:PORT BODY_FILE RATE SECONDS [CONNECTIONS]\n", argv[0]);
    return 2;
  }
  Load load;
  std::string target = argv[1];
  size_t colon = target.rfind(':');
  load.address.sin_family = AF_INET;
  load.address.sin_port = htons(uint16_t(std::atoi(target.c_str() + colon + 1)));
  inet_pton(AF_INET, target.substr(0, colon).c_str(), &load.address.sin_addr);
  const std::string body = read_file(argv[2]);
  load.request_text = "POST /predict HTTP/1.1\r\nHost: " + target + "\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body;
  load.rate = std::atof(argv[3]);
  load.seconds = std::atof(argv[4]);
  load.connections.resize(argc > 5 ? size_t(std::atoi(argv[5])) : 8);
  load.total = long(std::lround(load.rate * load.seconds));
  load.from_sent.assign(size_t(load.total), NAN);
  load.from_due.assign(size_t(load.total), NAN);

  load.epoll = epoll_create1(0);
  for (auto& c : load.connections) load.open(c);
  int timer = timerfd_create(CLOCK_MONOTONIC, 0);
  epoll_event te{};
  te.events = EPOLLIN;
  te.data.ptr = nullptr;
  epoll_ctl(load.epoll, EPOLL_CTL_ADD, timer, &te);

  load.start = now_ms() + 50;
  auto arm = [&](double at_ms) {
    itimerspec spec{};
    spec.it_value.tv_sec = time_t(at_ms / 1e3);
    spec.it_value.tv_nsec = long(std::fmod(at_ms, 1e3) * 1e6);
    if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
    timerfd_settime(timer, TFD_TIMER_ABSTIME, &spec, nullptr);
  };
  arm(load.start);
  epoll_event events[64];
  while (load.done < load.total) {
    int n = epoll_wait(load.epoll, events, 64, 1000);
    for (int k = 0; k < n; ++k) {
      if (events[k].data.ptr == nullptr) {
        uint64_t expirations;
        (void)!read(timer, &expirations, sizeof expirations);
        continue;
      }
      load.readable(*static_cast<Connection*>(events[k].data.ptr));
    }
    const double t = now_ms();
    while (load.issued < load.total && load.due(load.issued) <= t) load.queue.push_back(load.issued++);
    load.dispatch();
    if (load.issued < load.total) arm(load.due(load.issued));
  }
  const double elapsed = (now_ms() - load.start) / 1e3;
  double max_ms = 0;
  for (double v : load.from_sent)
    if (std::isfinite(v)) max_ms = std::max(max_ms, v);
  std::printf(
      "{\"requests\":%ld,\"seconds\":%.3f,\"rps\":%.1f,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
      "\"due_p50_ms\":%.3f,\"due_p99_ms\":%.3f,\"socket_errors\":%ld,\"non_2xx\":%ld,\"reconnects\":%ld,"
      "\"slowest_connect_ms\":%.3f}\n",
      load.total, elapsed, double(load.total) / elapsed, percentile(load.from_sent, 50), percentile(load.from_sent, 90),
      percentile(load.from_sent, 99), max_ms, percentile(load.from_due, 50), percentile(load.from_due, 99), load.errors,
      load.non_2xx, load.reconnects, load.slowest_connect_ms);
  return 0;
}
