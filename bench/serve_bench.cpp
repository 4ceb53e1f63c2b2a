// serve_bench.cpp — a load generator for `rlrec serve` (bench/serve_bench.sh runs the matrix of
// bench/RESULTS.md): C keep-alive connections on one thread (epoll), each sending POST /v1/rank of
// one request with N candidates as soon as its previous answer arrived (closed loop), until R
// answers or S seconds. Prints answers/s, latency percentiles (send to whole answer) and the
// failures: any status but 200, or a connection the server closed or reset.
//
// With --rate R the requests are sent on a schedule of R per second instead (open loop, on
// whichever connection is free), and each latency counts from the request's scheduled time, so a
// server that falls behind is charged for the wait (no coordinated omission).
//
// With --reload-every X a second thread POSTs /v1/models/reload every X seconds meanwhile (a hot
// reload under load), and the distinct model versions seen in the answers are counted.
//
//   bench_serve --port 8080 --connections 64 --candidates 10 --requests 200000 --seconds 20
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  int connections = 1;
  int candidates = 10;
  int context_dim = 5;
  int feature_dim = 5;
  long requests = 100000;
  double seconds = 10.0;
  double reload_every = 0.0;
  double rate = 0.0;  // requests/s on a schedule; 0 = closed loop
};

[[noreturn]] void die(const char *what) {
  std::perror(what);
  std::exit(1);
}

int connect_to(const Options &o) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) die("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(o.port));
  inet_pton(AF_INET, o.host.c_str(), &address.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) die("connect");
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Distinct rank requests (random features), as whole HTTP messages.
std::vector<std::string> make_requests(const Options &o, int count) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  std::vector<std::string> messages;
  for (int i = 0; i < count; ++i) {
    std::string body = "{\"requests\":[{\"context\":[";
    for (int d = 0; d < o.context_dim; ++d) body += (d ? "," : "") + std::to_string(value(rng));
    body += "],\"candidates\":[";
    for (int c = 0; c < o.candidates; ++c) {
      body += (c ? ",{\"id\":\"doc" : "{\"id\":\"doc") + std::to_string(c) + "\",\"features\":[";
      for (int d = 0; d < o.feature_dim; ++d) body += (d ? "," : "") + std::to_string(value(rng));
      body += "]}";
    }
    body += "]}]}";
    messages.push_back("POST /v1/rank HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  return messages;
}

// A blocking request on a fresh connection: returns the status (0 when the connection failed).
int blocking_post(const Options &o, const char *path) {
  const int fd = connect_to(o);
  const std::string message = std::string("POST ") + path + " HTTP/1.1\r\nHost: bench\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  if (write(fd, message.data(), message.size()) != static_cast<ssize_t>(message.size())) {
    close(fd);
    return 0;
  }
  std::string reply;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return reply.size() > 12 ? std::atoi(reply.c_str() + 9) : 0;
}

struct Connection {
  int fd = -1;
  std::size_t sent = 0;  // bytes of the current request written
  const std::string *request = nullptr;
  std::string reply;
  Clock::time_point start;
};

// The length of a whole HTTP answer at the start of `reply`, or 0 while it is incomplete.
std::size_t complete_length(const std::string &reply) {
  const std::size_t end = reply.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  const std::size_t at = reply.find("Content-Length: ");
  if (at == std::string::npos || at > end) return end + 4;
  const std::size_t length = end + 4 + std::strtoull(reply.c_str() + at + 16, nullptr, 10);
  return reply.size() >= length ? length : 0;
}

double percentile(std::vector<double> &sorted, double q) {
  if (sorted.empty()) return 0.0;
  return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * static_cast<double>(sorted.size())))];
}

}  // namespace

int main(int argc, char **argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    const char *value = argv[i + 1];
    if (key == "--host") o.host = value;
    else if (key == "--port") o.port = std::atoi(value);
    else if (key == "--connections") o.connections = std::atoi(value);
    else if (key == "--candidates") o.candidates = std::atoi(value);
    else if (key == "--context-dim") o.context_dim = std::atoi(value);
    else if (key == "--feature-dim") o.feature_dim = std::atoi(value);
    else if (key == "--requests") o.requests = std::atol(value);
    else if (key == "--seconds") o.seconds = std::atof(value);
    else if (key == "--reload-every") o.reload_every = std::atof(value);
    else if (key == "--rate") o.rate = std::atof(value);
    else {
      std::fprintf(stderr, "bench_serve: unknown option %s\n", key.c_str());
      return 2;
    }
  }
  const std::vector<std::string> requests = make_requests(o, 256);
  const int epoll = epoll_create1(0);
  std::vector<Connection> connections(static_cast<std::size_t>(o.connections));
  std::mt19937 pick(11);
  auto send_next = [&](Connection &c, Clock::time_point scheduled) {
    c.request = &requests[pick() % requests.size()];
    c.sent = 0;
    c.reply.clear();
    c.start = scheduled;
    const ssize_t n = write(c.fd, c.request->data(), c.request->size());
    if (n > 0) c.sent = static_cast<std::size_t>(n);
  };
  for (Connection &c : connections) {
    c.fd = connect_to(o);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = &c;
    epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &event);
  }

  std::atomic<bool> done{false};
  std::atomic<int> reloads{0}, reload_failures{0};
  std::thread reloader;
  if (o.reload_every > 0) {
    reloader = std::thread([&] {
      auto next = Clock::now() + std::chrono::duration<double>(o.reload_every);
      while (!done.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (Clock::now() < next) continue;
        (blocking_post(o, "/v1/models/reload") == 200 ? reloads : reload_failures).fetch_add(1);
        next = Clock::now() + std::chrono::duration<double>(o.reload_every);
      }
    });
  }

  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(std::min<long>(o.requests, 10000000)));
  long started = 0, failed = 0;
  std::set<std::string> versions;
  const Clock::time_point begin = Clock::now();
  const Clock::time_point end_by = begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  std::vector<Connection *> idle;  // open loop: connections free to send
  const auto period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.rate > 0 ? 1.0 / o.rate : 0.0));
  Clock::time_point next_send = begin;
  for (Connection &c : connections) {
    if (o.rate > 0) {
      idle.push_back(&c);
    } else if (started < o.requests) {
      send_next(c, Clock::now());
      ++started;
    }
  }
  long in_flight = started;
  std::vector<epoll_event> events(static_cast<std::size_t>(o.connections));
  char buffer[65536];
  auto sending = [&] { return started < o.requests && Clock::now() < end_by; };
  while (in_flight > 0 || (o.rate > 0 && sending())) {
    if (o.rate > 0) {  // every request whose time has come, on free connections
      while (sending() && !idle.empty() && Clock::now() >= next_send) {
        send_next(*idle.back(), next_send);
        idle.pop_back();
        ++started;
        ++in_flight;
        next_send += period;
      }
    }
    // Sleep to the next event or the next scheduled send, to the microsecond (epoll_pwait2):
    // a load generator that spins takes a core from the server.
    const long wait_ns = o.rate > 0 && sending() && !idle.empty()
                             ? std::max<long>(0, std::chrono::duration_cast<std::chrono::nanoseconds>(next_send - Clock::now()).count())
                             : 100000000L;
    const timespec timeout{wait_ns / 1000000000L, wait_ns % 1000000000L};
    const int ready = epoll_pwait2(epoll, events.data(), static_cast<int>(events.size()), &timeout, nullptr);
    if (ready < 0 && errno != EINTR) die("epoll_wait");
    for (int e = 0; e < ready; ++e) {
      Connection &c = *static_cast<Connection *>(events[static_cast<std::size_t>(e)].data.ptr);
      const ssize_t n = read(c.fd, buffer, sizeof buffer);
      if (n <= 0) {  // closed or reset by the server: the request failed
        ++failed;
        --in_flight;
        epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        close(c.fd);
        c.fd = -1;
        continue;
      }
      c.reply.append(buffer, static_cast<std::size_t>(n));
      const std::size_t length = complete_length(c.reply);
      if (length == 0) continue;
      --in_flight;
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - c.start).count();
      if (c.reply.compare(0, 12, "HTTP/1.1 200") != 0) {
        ++failed;
      } else {
        latencies.push_back(ms);
        if (o.reload_every > 0) {
          const std::size_t at = c.reply.find("\"model_version\":\"");
          if (at != std::string::npos) versions.insert(c.reply.substr(at + 17, c.reply.find('"', at + 17) - at - 17));
        }
      }
      if (o.rate > 0) {
        idle.push_back(&c);
      } else if (sending()) {
        send_next(c, Clock::now());
        ++started;
        ++in_flight;
      }
    }
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
  done.store(true);
  if (reloader.joinable()) reloader.join();
  for (Connection &c : connections)
    if (c.fd >= 0) close(c.fd);

  std::sort(latencies.begin(), latencies.end());
  if (o.rate > 0) std::printf("rate %.0f/s, ", o.rate);
  std::printf("connections %d candidates %d: %zu ok, %ld failed in %.2f s: %.0f requests/s, latency ms p50 %.3f "
              "p99 %.3f p99.9 %.3f max %.3f",
              o.connections, o.candidates, latencies.size(), failed, elapsed,
              static_cast<double>(latencies.size()) / elapsed, percentile(latencies, 0.5), percentile(latencies, 0.99),
              percentile(latencies, 0.999), latencies.empty() ? 0.0 : latencies.back());
  if (o.reload_every > 0)
    std::printf("; reloads %d ok %d failed, model versions seen %zu", reloads.load(), reload_failures.load(), versions.size());
  std::printf("\n");
  return failed == 0 && reload_failures.load() == 0 ? 0 : 1;
}
