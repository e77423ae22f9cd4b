// Reading the flows a contact type may add around its human queue: self-service and a chatbot
// before it, callbacks at its entry, retrials after abandoning. Each sets its optional member
// of the ContactType; keys left out keep the defaults of its struct (scenario.h).
//
// `channel` is the type's channel, nullopt when invalid. For email (which never abandons)
// what applies only to abandoning contacts is ignored with a warning, and callbacks are an
// error.
#pragma once

#include <optional>
#include <string>

#include "models/scenario/json_checker.h"
#include "models/scenario/scenario.h"

namespace ccsim::reading {

void read_self_service(Checker& in, const json& v, const std::string& path, ContactType& type);

void read_chatbot(Checker& in, const json& v, const std::string& path,
                  std::optional<Channel> channel, ContactType& type);

// The type's wait_prediction: {"predictor": NAME}, NAME a wait_predictor_name.
void read_wait_prediction(Checker& in, const json& v, const std::string& path, ContactType& type);

void read_callback(Checker& in, const json& v, const std::string& path,
                   std::optional<Channel> channel, ContactType& type);

void read_retrial(Checker& in, const json& v, const std::string& path,
                  std::optional<Channel> channel, ContactType& type);

}  // namespace ccsim::reading
