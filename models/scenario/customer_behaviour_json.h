// Reading how customers of a contact type behave: wait curves (balking at an announced wait,
// satisfaction by wait), a switch to another contact type after abandoning or balking, and
// transfers to other contact types after service.
//
// `type_names` are the names of every contact type as given (nullopt where not a non-empty
// string), `self` the index of the type being read: a switch or transfer names another type.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

// {"curve": [[wait_s, prob], ...]}: at least one point; wait_s >= 0 and strictly increasing;
// prob in [0, 1]. nullopt when any point is invalid.
std::optional<WaitCurve> read_wait_curve(Checker& in, const json& v, const std::string& path);

// Sets type.channel_switch when every key is valid and the channel is not email.
void read_channel_switch(Checker& in, const json& v, const std::string& path,
                         std::optional<Channel> channel,
                         const std::vector<std::optional<std::string>>& type_names,
                         std::size_t self, ContactType& type);

// [{"to": TYPE, "prob": p}, ...]: each `to` another type, at most once; p in (0, 1]; the
// probabilities sum to <= 1. Adds the valid transfers to type.transfers.
void read_transfers(Checker& in, const json& v, const std::string& path,
                    const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                    ContactType& type);

// The queue caps of `v` (a contact type): max_queue (integer >= 0), max_expected_wait_s (>= 0),
// max_wait_s (> 0; requires overflow or message), overflow {"to": TYPE} (another type) and
// message {"accept_prob", "handled_as": TYPE} (another type; check_message_targets checks it
// is email), at most one of overflow and message.
void read_queue_caps(Checker& in, const json& v, const std::string& path,
                     const std::vector<std::optional<std::string>>& type_names, std::size_t self,
                     ContactType& type);

// silent_abandonment {"share" (in [0, 1]), "detection_time" (a distribution)}, both required;
// only for a chat type (`channel`) that can abandon: type.patience, or a chatbot with
// handoff_patience, must already be read. Sets type.silent_abandonment when all is valid.
void read_silent_abandonment(Checker& in, const json& v, const std::string& path,
                             std::optional<Channel> channel, ContactType& type);

// Reports each message.handled_as that names a type not of channel email.
void check_message_targets(Checker& in, const Scenario& scenario);

}  // namespace ccsim::reading
