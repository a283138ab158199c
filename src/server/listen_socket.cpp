#include "server/listen_socket.hpp"

#include <httplib.h>
#include <sys/socket.h>

namespace lab {

ListenSocket::ListenSocket(httplib::Server& http) {
  http.set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // restart at once after a stop
    fd_ = int(sock);
  });
}

void ListenSocket::widen_backlog() const {
  if (fd_ >= 0) ::listen(fd_, SOMAXCONN);
}

}  // namespace lab
