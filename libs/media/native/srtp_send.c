/*
 * SRTP (AEAD AES-GCM, RFC 7714) protect and send for the SFU's forwarded packets, in native code.
 *
 * Forwarding a packet to a subscriber in JS costs a new AES-GCM cipher per packet (Node has no way to reuse
 * one with a new IV) and dgram's per-send machinery (an address lookup on the next tick, a send request, a
 * promise in werift's transport). Here one cipher context per subscriber key is kept and re-keyed only with
 * the packet's IV, and the packet goes out with one sendmsg(2) on the subscriber's own ICE socket (libuv's
 * non-blocking UDP socket, shared), header, ciphertext and tag gathered without a copy.
 *
 * OpenSSL is Node's own (its exported symbols and headers), so nothing else is linked.
 */
#include <node_api.h>
#include <openssl/evp.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#define TAG_LENGTH 16
#define MAX_PAYLOAD 65536

typedef struct {
  EVP_CIPHER_CTX *ctx;
  uint8_t salt[12];
} GcmKey;

/* Each thread (the api's and each fan-out worker's) encrypts into its own scratch buffer. */
static _Thread_local uint8_t scratch[MAX_PAYLOAD + TAG_LENGTH];

static napi_value throw_type(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

static void free_key(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  GcmKey *key = data;
  EVP_CIPHER_CTX_free(key->ctx);
  free(key);
}

/* gcmKey(sessionKey: Buffer(16 | 32), sessionSalt: Buffer(12)): an opaque key for encrypt and send. */
static napi_value gcm_key(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  void *key_bytes, *salt_bytes;
  size_t key_length, salt_length;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_buffer_info(env, argv[0], &key_bytes, &key_length) != napi_ok ||
      napi_get_buffer_info(env, argv[1], &salt_bytes, &salt_length) != napi_ok ||
      (key_length != 16 && key_length != 32) || salt_length != 12)
    return throw_type(env, "gcmKey(sessionKey: 16 or 32 bytes, sessionSalt: 12 bytes)");
  GcmKey *key = calloc(1, sizeof *key);
  if (!key) return throw_type(env, "gcmKey: out of memory");
  key->ctx = EVP_CIPHER_CTX_new();
  const EVP_CIPHER *cipher = key_length == 16 ? EVP_aes_128_gcm() : EVP_aes_256_gcm();
  if (!key->ctx || EVP_EncryptInit_ex(key->ctx, cipher, NULL, key_bytes, NULL) != 1) {
    EVP_CIPHER_CTX_free(key->ctx);
    free(key);
    return throw_type(env, "gcmKey: OpenSSL refused the key");
  }
  memcpy(key->salt, salt_bytes, 12);
  napi_value external;
  if (napi_create_external(env, key, free_key, NULL, &external) != napi_ok) {
    free_key(env, key, NULL);
    return throw_type(env, "gcmKey: could not wrap the key");
  }
  return external;
}

/* address(ip: string, port: number): a sockaddr for send, made once per remote candidate. */
static napi_value address(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  char ip[INET6_ADDRSTRLEN + 1];
  size_t ip_length;
  uint32_t port;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_value_string_utf8(env, argv[0], ip, sizeof ip, &ip_length) != napi_ok ||
      napi_get_value_uint32(env, argv[1], &port) != napi_ok || port > 65535)
    return throw_type(env, "address(ip: string, port: 0-65535)");
  struct sockaddr_storage storage;
  memset(&storage, 0, sizeof storage);
  size_t length;
  struct sockaddr_in *v4 = (struct sockaddr_in *)&storage;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&storage;
  if (inet_pton(AF_INET, ip, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    length = sizeof *v4;
  } else if (inet_pton(AF_INET6, ip, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    length = sizeof *v6;
  } else {
    return throw_type(env, "address: not an IP address");
  }
  napi_value buffer;
  void *data;
  if (napi_create_buffer_copy(env, length, &storage, &data, &buffer) != napi_ok)
    return throw_type(env, "address: could not allocate");
  return buffer;
}

/* The packet's IV (RFC 7714 §8.1): 00 00 || SSRC || ROC || SEQ, XOR the session salt. */
static int seal(GcmKey *key, const uint8_t *header, size_t header_length, const uint8_t *payload,
                size_t payload_length, uint32_t roc, uint8_t *out, uint8_t *tag) {
  if (header_length < 12 || payload_length > MAX_PAYLOAD) return 0;
  uint8_t iv[12] = {0, 0};
  memcpy(iv + 2, header + 8, 4);
  iv[6] = (uint8_t)(roc >> 24);
  iv[7] = (uint8_t)(roc >> 16);
  iv[8] = (uint8_t)(roc >> 8);
  iv[9] = (uint8_t)roc;
  memcpy(iv + 10, header + 2, 2);
  for (int i = 0; i < 12; i++) iv[i] ^= key->salt[i];
  int length = 0;
  return EVP_EncryptInit_ex(key->ctx, NULL, NULL, NULL, iv) == 1 &&
         EVP_EncryptUpdate(key->ctx, NULL, &length, header, (int)header_length) == 1 &&
         EVP_EncryptUpdate(key->ctx, out, &length, payload, (int)payload_length) == 1 &&
         EVP_EncryptFinal_ex(key->ctx, out + length, &length) == 1 &&
         EVP_CIPHER_CTX_ctrl(key->ctx, EVP_CTRL_GCM_GET_TAG, TAG_LENGTH, tag) == 1;
}

typedef struct {
  GcmKey *key;
  void *header, *payload;
  size_t header_length, payload_length;
  uint32_t roc;
} SealArgs;

/* Reads (key, header, payload, roc) from argv[0..3]. */
static int seal_args(napi_env env, napi_value *argv, SealArgs *args) {
  return napi_get_value_external(env, argv[0], (void **)&args->key) == napi_ok &&
         napi_get_buffer_info(env, argv[1], &args->header, &args->header_length) == napi_ok &&
         napi_get_buffer_info(env, argv[2], &args->payload, &args->payload_length) == napi_ok &&
         napi_get_value_uint32(env, argv[3], &args->roc) == napi_ok &&
         args->header_length >= 12 && args->payload_length <= MAX_PAYLOAD;
}

/* encrypt(key, header, payload, roc): the SRTP packet (header || ciphertext || tag), for tests and tools. */
static napi_value encrypt(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  SealArgs args;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 4 ||
      !seal_args(env, argv, &args))
    return throw_type(env, "encrypt(key, header: Buffer >= 12 bytes, payload: Buffer <= 64 KiB, roc: uint32)");
  size_t total = args.header_length + args.payload_length + TAG_LENGTH;
  napi_value buffer;
  uint8_t *data;
  if (napi_create_buffer(env, total, (void **)&data, &buffer) != napi_ok) return throw_type(env, "encrypt: could not allocate");
  memcpy(data, args.header, args.header_length);
  if (!seal(args.key, args.header, args.header_length, args.payload, args.payload_length, args.roc,
            data + args.header_length, data + args.header_length + args.payload_length))
    return throw_type(env, "encrypt: OpenSSL failed");
  return buffer;
}

/*
 * send(key, header, payload, roc, fd, address): encrypts and sends one packet; returns the bytes sent, or a
 * negative errno (a full socket buffer is -EAGAIN: the packet is dropped, as the network would).
 */
static napi_value send_packet(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  SealArgs args;
  int32_t fd;
  void *addr;
  size_t addr_length;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 6 ||
      !seal_args(env, argv, &args) || napi_get_value_int32(env, argv[4], &fd) != napi_ok ||
      napi_get_buffer_info(env, argv[5], &addr, &addr_length) != napi_ok || fd < 0)
    return throw_type(env, "send(key, header, payload, roc, fd: int >= 0, address: Buffer)");
  uint8_t tag[TAG_LENGTH];
  ssize_t sent;
  if (!seal(args.key, args.header, args.header_length, args.payload, args.payload_length, args.roc, scratch, tag)) {
    sent = -EINVAL;
  } else {
    struct iovec iov[3] = {
        {args.header, args.header_length},
        {scratch, args.payload_length},
        {tag, TAG_LENGTH},
    };
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_name = addr;
    message.msg_namelen = (socklen_t)addr_length;
    message.msg_iov = iov;
    message.msg_iovlen = 3;
    do {
      sent = sendmsg(fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) sent = -errno;
  }
  napi_value result;
  napi_create_int32(env, (int32_t)sent, &result);
  return result;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor methods[] = {
      {"gcmKey", NULL, gcm_key, NULL, NULL, NULL, napi_enumerable, NULL},
      {"address", NULL, address, NULL, NULL, NULL, napi_enumerable, NULL},
      {"encrypt", NULL, encrypt, NULL, NULL, NULL, napi_enumerable, NULL},
      {"send", NULL, send_packet, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods) != napi_ok) return NULL;
  return exports;
}
