{
  "targets": [
    {
      "target_name": "livelab_srtp",
      "sources": ["srtp_send.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
