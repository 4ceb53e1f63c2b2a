// http_server.hpp — the HTTP/1.1 transport of `rlrec serve` on Boost.Beast: asynchronous,
// keep-alive connections served by a fixed number of threads, so 64 or 1000 idle connections cost
// sockets, not threads (docs/serving.md has the measurement behind the choice). Each thread runs
// an io_context of its own and new connections are dealt to them in turn: one shared io_context
// made the threads contend for its reactor and hand every request between them, which measured
// slower than one thread.
//
// Safe by default: a request's header and body are limited (over the body limit: 413, over the
// header limit: 431, both answered before the rest is read, then the connection is closed), a
// client has `read_timeout` to send a whole request (else the connection is closed: slow clients
// cannot hold a thread, and idle keep-alive connections end too), malformed HTTP gets 400 and a
// close. Every error body is JSON {"error": "..."}.
//
// Threads: the handler runs on a pool thread; it answers by calling its Reply exactly once, from
// any thread, now or later (a reload answers from the reload thread). stop() from any thread or
// a signal handler of the io_context; run() returns once every answer in flight has been written.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "metrics.hpp"

namespace rlrec::serve {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct HttpSettings {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (port() tells which)
  unsigned threads = 2;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds read_timeout{10000};
};

// A JSON response {"error": message} with `status`.
HttpResponse json_error(unsigned status, const std::string &message);
// A response with `status`, content type and body.
HttpResponse text_response(unsigned status, const char *content_type, std::string body);

class HttpServer {
 public:
  using Reply = std::function<void(HttpResponse &&)>;
  using Handler = std::function<void(HttpRequest &&, Reply)>;

  // Binds and listens (throws boost::system::system_error when it cannot).
  HttpServer(const HttpSettings &settings, Handler handler, Metrics &metrics);
  ~HttpServer();

  uint16_t port() const { return port_; }
  // The io_context of the first thread (the acceptor's), for signal handling.
  boost::asio::io_context &io() { return *io_[0]; }
  // Serves on settings.threads threads (this one included) until stop().
  void run();
  // Stops accepting; answers still in flight are written (with Connection: close), then run()
  // returns. Later requests on open connections are answered with Connection: close.
  void stop();
  bool stopping() const { return stopping_.load(std::memory_order_relaxed); }

 private:
  class Session;
  void accept();
  // Polls until no answer is in flight (or the deadline), then stops the io_context.
  void wait_idle_then_stop(std::chrono::steady_clock::time_point deadline);

  HttpSettings settings_;
  Handler handler_;
  Metrics &metrics_;
  std::vector<std::unique_ptr<boost::asio::io_context>> io_;  // one per thread
  std::size_t next_io_ = 0;                                     // the acceptor's handler only
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer stop_timer_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> busy_{0};  // requests being handled or answered
};

}  // namespace rlrec::serve
