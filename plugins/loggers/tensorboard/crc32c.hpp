// crc32c.hpp — CRC-32C (Castagnoli), the checksum of TFRecord framing, and its masked form.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rlrec_tensorboard {

// CRC-32C of `size` bytes: reflected polynomial 0x82F63B78, initial value and final xor
// 0xFFFFFFFF (crc32c("123456789") == 0xE3069283).
uint32_t crc32c(const void *data, size_t size);

// What TFRecord stores: the CRC rotated right by 15 bits plus 0xA282EAD8. Masking keeps a CRC
// computed over bytes that themselves contain CRCs (a record inside a record) from being weak.
uint32_t masked_crc32c(const void *data, size_t size);

}  // namespace rlrec_tensorboard
