#include "factories.hpp"

namespace rlrec_recsim::plugin {

const rlrec_plugin_factory *const kFactories[3] = {&kInterestEvolutionFactory, &kLongTermSatisfactionFactory,
                                                   &kInterestExplorationFactory};

}  // namespace rlrec_recsim::plugin
