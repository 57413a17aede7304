# Source it: start_nginx WORKDIR sets NGINX_URL to an nginx with one worker on a free 127.0.0.1
# port that answers GET /hello with "hello world\n" (and any other path with 404), and appends
# its pid to PIDS. Returns 1 when nginx is not installed.
start_nginx() {
  command -v nginx > /dev/null || return 1
  local work="$1/nginx" port=$(( 20000 + RANDOM % 20000 ))
  mkdir -p "$work"
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    location /hello { default_type text/plain; add_header X-Served-By nginx; return 200 "hello world\n"; }
  }
}
CONF
  nginx -c "$work/nginx.conf" -e "$work/error.log" &
  PIDS+=($!)
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  NGINX_URL="http://127.0.0.1:$port"
}
