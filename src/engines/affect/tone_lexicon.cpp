#include "engines/affect/tone_lexicon.h"

// Variants without apostrophes ("im", "youre") are listed because chat and Reddit text drop them.
namespace attune::affect::lexicon {

const std::vector<std::string_view> kAcknowledgement = {
    "i hear you", "i hear that", "i see what you mean", "i see where you're coming from",
    "i understand", "i get it", "i get that", "got it", "i see", "i can see", "i can imagine",
    "i can only imagine", "sorry to hear", "thanks for sharing", "thank you for sharing",
    "thanks for telling me", "thank you for telling me", "thanks for letting me know",
    "thank you for letting me know", "fair point", "good point", "point taken", "noted",
    "i appreciate you", "i appreciate that", "i hear what you're saying", "understood"};

const std::vector<std::string_view> kValidation = {
    "that makes sense", "makes sense", "it makes sense", "that makes total sense",
    "understandable", "that's understandable", "it's understandable", "no wonder",
    "that's valid", "your feelings are valid", "it's valid", "totally valid", "it's okay to feel",
    "it's ok to feel", "its okay to feel", "its ok to feel", "it's normal to", "it is normal to",
    "anyone would", "anybody would", "anyone would feel", "you have every right",
    "you're right", "you are right", "youre right", "that must be", "that must have been",
    "it must be", "must be hard", "must be so hard", "must be frustrating", "must be tough",
    "that's hard", "that's tough", "that sounds hard", "that sounds really hard",
    "that sounds tough", "that sounds frustrating", "it's not your fault", "its not your fault",
    "you're not alone", "you are not alone", "youre not alone", "i'd feel the same",
    "i would feel the same", "fair enough", "of course you feel"};

const std::vector<std::string_view> kYouBlame = {
    "you always", "you never", "you're always", "you are always", "youre always",
    "you're never", "you are never", "your fault", "because of you", "you made me",
    "you make me", "you should have", "you shouldn't have", "why didn't you", "why did you",
    "why can't you", "why don't you ever", "you didn't even", "you don't even", "you failed",
    "you forgot", "you messed up", "you screwed up", "you ruined", "you caused", "blame you",
    "you're the one who", "what's wrong with you", "you're wrong", "you are wrong",
    "you don't care", "you don't listen", "you never listen", "you're the problem",
    "thanks to you", "you let me down", "you let us down"};

const std::vector<std::string_view> kAbsolutist = {
    "always", "never", "everyone", "everybody", "everything", "nobody", "nothing", "no one",
    "noone", "all the time", "every time", "every single", "completely", "totally", "entirely",
    "absolutely", "constantly", "forever", "definitely", "whole", "ever", "impossible"};

const std::vector<std::string_view> kHedge = {
    "maybe", "perhaps", "possibly", "probably", "might", "i think", "i guess", "i suppose",
    "sort of", "kind of", "kinda", "sorta", "somewhat", "a bit", "a little", "not sure",
    "i'm not sure", "im not sure", "it seems", "seems like", "i feel like", "i believe",
    "apparently", "could be", "i wonder", "just wondering", "roughly", "arguably",
    "presumably", "likely", "unlikely", "if i'm not mistaken", "correct me if i'm wrong"};

const std::vector<std::string_view> kApology = {
    "sorry", "i'm sorry", "im sorry", "i am sorry", "so sorry", "apologize", "apologise",
    "i apologize", "i apologise", "apologies", "my apologies", "my bad", "my mistake",
    "forgive me", "i was wrong", "my fault", "i owe you an apology"};

const std::vector<std::string_view> kPoliteness = {
    "please", "thank you", "thanks", "thank u", "thx", "ty", "appreciate", "appreciated",
    "much appreciated", "i appreciate", "would you mind", "could you please", "would you please",
    "if you don't mind", "if you dont mind", "kindly", "grateful", "excuse me", "pardon me",
    "you're welcome", "no worries", "cheers", "if possible", "when you get a chance"};

const std::vector<std::string_view> kFiller = {
    "um", "umm", "ummm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hmmm", "you know", "i mean",
    "basically", "literally", "actually", "like ,", ", like", "so yeah", "anyway", "anyways",
    "or whatever", "and stuff", "or something", "well ,"};

const std::vector<std::string_view> kIntensifier = {
    "very", "really", "extremely", "incredibly", "absolutely", "totally", "utterly", "super",
    "seriously", "insanely", "ridiculously", "terribly", "awfully", "freaking", "fucking",
    "hugely", "highly", "deeply", "truly", "so much", "way too", "too much", "so so",
    "exceptionally", "remarkably", "especially", "particularly", "enormously", "immensely"};

const std::vector<std::string_view> kOpenQuestionStarts = {
    "what", "what's", "whats", "how", "how's", "hows", "why", "where", "when", "who", "whom",
    "whose", "which", "tell me", "describe", "walk me through", "in what way"};

const std::vector<std::string_view> kClosedQuestionStarts = {
    "do", "does", "did", "is", "are", "was", "were", "can", "could", "would", "will", "should",
    "have", "has", "had", "shall", "may", "might", "am", "don't", "doesn't", "didn't", "isn't",
    "aren't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "haven't", "any", "anything"};

// Openers skipped when deciding what a question starts with ("so, what happened?").
const std::vector<std::string_view> kDiscourseStarts = {
    "so", "and", "but", "ok", "okay", "well", "hey", "hi", "oh", "also", "then", "just",
    "and so", "out of curiosity", "honestly", "btw", "[name]", ","};

const std::vector<std::string_view> kWarmthStrong = {
    "i'm so sorry", "im so sorry", "i am so sorry", "so sorry", "i'm really sorry",
    "im really sorry", "i'm sorry you", "im sorry you", "i am sorry you", "sorry you're going through",
    "sorry you are going through", "my heart goes out", "my heart breaks", "breaks my heart",
    "sending hugs", "sending you hugs", "hugs", "*hugs*", "i feel for you", "i care about you",
    "i'm here for you", "im here for you", "i am here for you", "here for you",
    "i'm so glad you", "so proud of you", "proud of you", "that breaks my heart", "<3",
    "that's awful", "that's terrible", "that's horrible", "that is awful", "that is terrible",
    "that sucks", "that really sucks", "how awful", "how terrible", "i'm worried about you",
    "im worried about you", "sorry for your loss", "i'm sorry for your loss", "sending love",
    "sending you love", "much love", "lots of love", "you matter", "you deserve better",
    "you deserve to be happy"};

const std::vector<std::string_view> kWarmthWeak = {
    "sorry", "i'm sorry", "im sorry", "sorry to hear", "good luck", "best of luck",
    "hang in there", "stay strong", "take care", "take care of yourself", "thinking of you",
    "wish you the best", "all the best", "you've got this", "you got this", "you can do it",
    "it will get better", "it'll get better", "things will get better", "it gets better",
    "don't give up", "keep going", "you're not alone", "you are not alone", "youre not alone",
    "be kind to yourself", "glad you", "i'm glad", "im glad", "i hope", "hope you",
    "you're doing great", "you are doing great", "you are strong", "you're strong",
    "you're worth it", "you are worth it", "stay safe", "much strength"};

const std::vector<std::string_view> kOfferHelp = {
    "let me know if", "i can help", "happy to help", "feel free to", "reach out", "pm me",
    "dm me", "message me", "if you need anything", "if you ever need", "how can i help",
    "what can i do", "i'm here if", "im here if", "here if you need", "talk to me",
    "you can talk to me", "i'm happy to listen", "im happy to listen", "i'll listen"};

const std::vector<std::string_view> kUnderstandingGeneric = {
    "i understand", "i know how you feel", "i know how it feels", "i know what you mean",
    "i know what it's like", "i know what its like", "i get it", "i can relate", "i relate",
    "i understand how you feel", "i understand what you're going through",
    "i can understand", "i totally understand", "i completely understand", "i feel you",
    "i know the feeling", "i know that feeling", "that makes sense", "makes sense",
    "understandable", "it's understandable", "that's understandable", "no wonder"};

const std::vector<std::string_view> kReflection = {
    "it sounds like", "sounds like you", "it seems like you", "seems like you", "it seems you",
    "you must feel", "you must be", "you must have", "you seem", "you sound", "you feel like",
    "you're feeling", "you are feeling", "youre feeling", "you feel", "must be hard",
    "must be so hard", "must be really hard", "must be difficult", "must be tough",
    "must be frustrating", "must be painful", "must be exhausting", "must have been",
    "that must be", "it must be", "i can tell you", "i can see that you", "i can see you",
    "i can imagine how", "i can only imagine how", "i can imagine that", "it's clear you",
    "it's clear that you"};

const std::vector<std::string_view> kSharedExperience = {
    "i've been there", "ive been there", "i have been there", "i was in a similar",
    "i've been in a similar", "i went through", "i've gone through", "i have gone through",
    "i've been through", "ive been through", "i have been through", "same thing happened to me",
    "the same happened to me", "happened to me too", "i had the same", "i have the same",
    "i felt the same", "i feel the same", "i've felt", "ive felt", "i have felt",
    "i used to feel", "i used to be", "i struggled with", "i struggle with",
    "i've struggled", "ive struggled", "i have struggled", "i dealt with", "i've dealt with",
    "i went thru", "when i was in your", "i was in your shoes", "in your shoes", "me too",
    "same here", "i'm going through", "im going through"};

const std::vector<std::string_view> kDismissive = {
    "get over it", "just get over it", "stop whining", "stop complaining", "quit whining",
    "it's not a big deal", "its not a big deal", "not a big deal", "calm down", "man up",
    "grow up", "you're overreacting", "you are overreacting", "youre overreacting",
    "overreacting", "could be worse", "it could be worse", "at least you", "suck it up",
    "deal with it", "stop being", "whatever", "who cares", "nobody cares", "no one cares",
    "your own fault", "it's your fault", "its your fault", "your problem", "first world problem",
    "snap out of it", "cheer up", "just be happy", "just stop", "toughen up", "drama"};

const std::vector<std::string_view> kFeelingWords = {
    "feel", "feeling", "feelings", "felt", "emotion", "emotions", "sad", "sadness", "depressed",
    "depression", "anxious", "anxiety", "scared", "afraid", "fear", "angry", "anger", "mad",
    "upset", "hurt", "hurting", "lonely", "alone", "hopeless", "helpless", "worthless",
    "stressed", "stress", "overwhelmed", "frustrated", "frustrating", "frustration", "happy",
    "unhappy", "miserable", "ashamed", "guilty", "guilt", "shame", "embarrassed", "jealous",
    "worried", "worry", "nervous", "panic", "pain", "painful", "grief", "grieving", "confused",
    "lost", "empty", "numb", "tired", "exhausted", "broken", "disappointed", "betrayed",
    "rejected", "insecure", "suicidal", "cope", "coping", "struggle", "struggling", "heartbroken"};

const std::vector<std::string_view> kExperienceWords = {
    "happened", "happen", "happening", "going on", "going through", "been", "experience",
    "mean", "think", "thinking", "thoughts", "feel", "feeling", "felt", "like", "want", "need",
    "tried", "try", "talk", "talked", "told", "tell", "started", "since", "long", "cause",
    "caused", "makes you", "made you", "help", "helps", "helped", "plans", "do", "doing"};

const std::vector<std::string_view> kStopWords = {
    "the", "a", "an", "and", "or", "but", "if", "then", "so", "to", "of", "in", "on", "at",
    "for", "with", "about", "as", "by", "from", "is", "are", "was", "were", "be", "been",
    "am", "i", "i'm", "im", "me", "my", "you", "your", "you're", "it", "it's", "its", "this",
    "that", "these", "those", "he", "she", "they", "them", "we", "us", "our", "his", "her",
    "their", "do", "does", "did", "have", "has", "had", "not", "no", "just", "really", "very",
    "what", "how", "why", "when", "where", "who", "can", "could", "would", "should", "will",
    "there", "here", "all", "some", "any", "more", "much", "like", "get", "got", "know",
    "don't", "dont", "can't", "cant", "also", "too", "up", "out", "one", "even", "still"};

}  // namespace attune::affect::lexicon
