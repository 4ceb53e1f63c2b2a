#include "http_server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <rlrec_support/json_text.hpp>
#include <thread>
#include <vector>

namespace rlrec::serve {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
constexpr std::size_t kMaxDrainBytes = 64 << 20;
constexpr auto kDrainTimeout = std::chrono::seconds(1);
constexpr auto kStopGrace = std::chrono::seconds(5);
}  // namespace

HttpResponse text_response(unsigned status, const char *content_type, std::string body) {
  HttpResponse res{static_cast<http::status>(status), 11};
  res.set(http::field::content_type, content_type);
  res.body() = std::move(body);
  return res;
}

HttpResponse json_error(unsigned status, const std::string &message) {
  std::string body = "{\"error\":";
  rlrec_support::append_json_string(body, message);
  body += "}\n";
  return text_response(status, "application/json", std::move(body));
}

// One connection: read a request, hand it to the handler, write the answer, again while the
// client keeps the connection alive. All its handlers run on its io_context's one thread.
class HttpServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket &&socket, HttpServer &server) : stream_(std::move(socket)), server_(server) {
    server_.metrics_.connections.fetch_add(1, std::memory_order_relaxed);
  }
  ~Session() { server_.metrics_.connections.fetch_sub(1, std::memory_order_relaxed); }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->body_limit(server_.settings_.max_body_bytes);
    parser_->header_limit(static_cast<uint32_t>(server_.settings_.max_header_bytes));
    stream_.expires_after(server_.settings_.read_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return fail(ec);
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      // curl asks before sending a body over 1 KiB, and would wait a second for this.
      continue_.emplace(http::status::continue_, parser_->get().version());
      http::async_write(stream_, *continue_, [self = shared_from_this()](beast::error_code e, std::size_t) {
        if (e) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) return fail(ec);
    // The read deadline stays set while the handler runs (write() sets the next one): clearing it
    // cost a timer update, a system call, per request.
    server_.busy_.fetch_add(1, std::memory_order_relaxed);
    const bool keep_alive = parser_->get().keep_alive();
    const unsigned version = parser_->get().version();
    server_.handler_(parser_->release(), [self = shared_from_this(), keep_alive, version](HttpResponse &&res) {
      net::dispatch(self->stream_.get_executor(), [self, keep_alive, version, res = std::move(res)]() mutable {
        self->write(std::move(res), keep_alive, version, false);
      });
    });
  }

  // Refuses what could not be read as a request; the connection closes after the answer.
  void fail(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return reject(413, "the request body is over the limit of " + std::to_string(server_.settings_.max_body_bytes) +
                             " bytes");
    }
    if (ec == http::error::header_limit) {
      return reject(431, "the request header is over the limit of " +
                             std::to_string(server_.settings_.max_header_bytes) + " bytes");
    }
    if (ec == beast::error::timeout) {
      // The stream closed the socket. A request begun but not finished in time counts as a 408
      // (there is no one left to tell); an idle keep-alive connection just ends.
      if (parser_ && parser_->got_some()) server_.metrics_.request(Route::kOther, 408, 0.0);
      return;
    }
    if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message)
      return reject(400, "malformed HTTP request: " + ec.message());
    close();  // the client went away (end of stream, reset)
  }

  void reject(unsigned status, const std::string &message) {
    server_.busy_.fetch_add(1, std::memory_order_relaxed);
    server_.metrics_.request(Route::kOther, status, 0.0);
    write(json_error(status, message), false, 11, true);
  }

  void write(HttpResponse &&res, bool keep_alive, unsigned version, bool drain) {
    const bool close_after = !keep_alive || server_.stopping();
    res.version(version);
    res.keep_alive(!close_after);
    res.prepare_payload();
    response_.emplace(std::move(res));
    stream_.expires_after(server_.settings_.read_timeout);  // a client that does not read is slow too
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), close_after, drain](beast::error_code ec, std::size_t) {
                        self->server_.busy_.fetch_sub(1, std::memory_order_relaxed);
                        if (ec) return self->close();
                        if (drain) return self->drain(0);
                        if (close_after) return self->close();
                        self->read_header();
                      });
  }

  // After refusing a request whose body was not read: ends our side and reads (and drops) what
  // the client still sends, so that closing does not reset the connection before the client has
  // read the refusal.
  void drain(std::size_t drained) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    if (drained > kMaxDrainBytes) return close();
    stream_.expires_after(kDrainTimeout);
    stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this(), drained](beast::error_code ec,
                                                                                        std::size_t n) {
      if (ec) return self->close();
      self->drain(drained + n);
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  HttpServer &server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  std::optional<HttpResponse> response_;
  std::array<char, 16384> scratch_{};
};

namespace {
std::vector<std::unique_ptr<net::io_context>> make_contexts(unsigned threads) {
  std::vector<std::unique_ptr<net::io_context>> contexts;
  for (unsigned t = 0; t < std::max(threads, 1u); ++t) contexts.push_back(std::make_unique<net::io_context>(1));
  return contexts;
}
}  // namespace

HttpServer::HttpServer(const HttpSettings &settings, Handler handler, Metrics &metrics)
    : settings_(settings),
      handler_(std::move(handler)),
      metrics_(metrics),
      io_(make_contexts(settings.threads)),
      acceptor_(*io_[0]),
      stop_timer_(*io_[0]) {
  const tcp::endpoint endpoint(net::ip::make_address(settings_.host), settings_.port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(net::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(net::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();
  accept();
}

HttpServer::~HttpServer() = default;

void HttpServer::accept() {
  net::io_context &next = *io_[next_io_++ % io_.size()];
  acceptor_.async_accept(next, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // answers are small: do not wait for more
      std::make_shared<Session>(std::move(socket), *this)->start();
    }
    accept();
  });
}

void HttpServer::run() {
  // Threads whose io_context has no connection yet must not return from run().
  std::vector<net::executor_work_guard<net::io_context::executor_type>> keep_running;
  for (auto &io : io_) keep_running.push_back(net::make_work_guard(*io));
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < io_.size(); ++t) threads.emplace_back([this, t] { io_[t]->run(); });
  io_[0]->run();
  for (std::thread &t : threads) t.join();
}

void HttpServer::stop() {
  stopping_.store(true, std::memory_order_relaxed);
  net::post(*io_[0], [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
    wait_idle_then_stop(std::chrono::steady_clock::now() + kStopGrace);
  });
}

void HttpServer::wait_idle_then_stop(std::chrono::steady_clock::time_point deadline) {
  if (busy_.load(std::memory_order_relaxed) == 0 || std::chrono::steady_clock::now() > deadline) {
    for (auto &io : io_) io->stop();
    return;
  }
  stop_timer_.expires_after(std::chrono::milliseconds(5));
  stop_timer_.async_wait([this, deadline](beast::error_code) { wait_idle_then_stop(deadline); });
}

}  // namespace rlrec::serve
