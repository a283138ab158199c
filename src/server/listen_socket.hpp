#pragma once
// The listening socket's options, which cpp-httplib's defaults get wrong for `lab serve`:
// - Debian's compiled library listens with a backlog of 5. Clients that reconnect together (every
//   keep-alive connection reaches its request limit at about the same time under steady load)
//   overflow it; the kernel drops their SYNs and they retry after a whole second.
// - Its default options set SO_REUSEPORT, so a second `lab serve` on a port in use binds too and
//   silently takes half the traffic instead of being told the port is in use.
namespace httplib {
class Server;
}

namespace lab {

class ListenSocket {
 public:
  // Installs the options (SO_REUSEADDR only) and remembers the socket the server creates.
  explicit ListenSocket(httplib::Server& http);
  // After a successful bind: listen again with the system's largest backlog (Linux takes a second
  // listen() on a listening socket as a new backlog).
  void widen_backlog() const;

 private:
  int fd_ = -1;
};

}  // namespace lab
