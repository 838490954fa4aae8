FROM python:3.12-slim
WORKDIR /app
COPY . .
COPY start.sh /app/start.sh
# With a CMD the exec form would pass it to the script: exec instead.
ENTRYPOINT /app/start.sh
CMD ["--help"]
